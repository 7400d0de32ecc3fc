package keeper.auth.pem.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import keeper.api.spi.auth.Envelope;
import keeper.protocol.Hello;

/**
 * The credential names of the pem scheme and the exact bytes its signature covers. Signer and
 * authenticator both use this class, so the two sides cannot drift apart.
 *
 * <pre>keeper-request\n&lt;version&gt;\n&lt;server&gt;\n&lt;line&gt;\n&lt;key&gt;\n&lt;alg&gt;\n&lt;ts&gt;\n&lt;nonce&gt;</pre>
 *
 * {@code <server>} is the id of the server the request is for (protocol version 2), so a signature is
 * good for that server only.
 *
 * Only the command line may contain a newline (the wire format forbids it, a local caller might not);
 * every field after it is validated to be newline-free, so the split stays unambiguous.
 */
final class CanonicalRequest {

    static final String KEY = "key";
    static final String ALG = "alg";
    static final String TS = "ts";
    static final String NONCE = "nonce";
    static final String SIG = "sig";
    static final String SERVER = Hello.SERVER_CREDENTIAL;

    /** Binds the signature to Keeper requests, so it cannot be replayed as a signature over anything else. */
    private static final String DOMAIN = "keeper-request";

    private CanonicalRequest() {
    }

    /** The signed bytes of {@code envelope}, whose credentials must hold server, key, alg, ts and nonce. */
    static byte[] bytes(Envelope envelope) {
        Map<String, String> credentials = envelope.credentials();
        String text = String.join("\n", DOMAIN, Integer.toString(envelope.version()), required(credentials, SERVER),
                envelope.line(),
                required(credentials, KEY), required(credentials, ALG), required(credentials, TS),
                required(credentials, NONCE));
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String required(Map<String, String> credentials, String name) {
        String value = credentials.get(name);
        if (value == null) {
            throw new IllegalArgumentException("credential '" + name + "' is missing");
        }
        return value;
    }
}
