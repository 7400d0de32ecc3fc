package keeper.auth.pem.internal;

import static keeper.auth.pem.internal.CanonicalRequest.ALG;
import static keeper.auth.pem.internal.CanonicalRequest.KEY;
import static keeper.auth.pem.internal.CanonicalRequest.NONCE;
import static keeper.auth.pem.internal.CanonicalRequest.SERVER;
import static keeper.auth.pem.internal.CanonicalRequest.SIG;
import static keeper.auth.pem.internal.CanonicalRequest.TS;

import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The pem credentials of a request, each checked for form before anything else is done with them.
 *
 * @param server    the id of the server the request is for
 * @param keyName   a valid key name (see {@link KeyNames})
 * @param algorithm the algorithm the sender claims
 * @param timestamp epoch milliseconds when the request was signed
 * @param nonce     16 random bytes as 22 base64url characters
 * @param signature the decoded signature
 */
record SignedCredentials(String server, String keyName, SignatureAlgorithm algorithm, long timestamp, String nonce,
        byte[] signature) {

    static final int NONCE_BYTES = 16;
    private static final Pattern NONCE_FORM = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final Pattern SERVER_FORM = Pattern.compile("[A-Za-z0-9-]{8,64}");
    private static final Pattern TIMESTAMP_FORM = Pattern.compile("[0-9]{1,18}");
    /** An RSA 4096 signature is 684 base64 characters. */
    private static final int MAX_SIGNATURE_CHARS = 1024;

    static SignedCredentials parse(Map<String, String> credentials) throws Rejection {
        String keyName = required(credentials, KEY);
        String problem = KeyNames.problem(keyName);
        if (problem != null) {
            throw new Rejection(problem + "; " + KeyNames.RULE);
        }
        return new SignedCredentials(server(required(credentials, SERVER)), keyName, algorithm(required(credentials, ALG)),
                timestamp(required(credentials, TS)), nonce(required(credentials, NONCE)),
                signature(required(credentials, SIG)));
    }

    private static String required(Map<String, String> credentials, String name) throws Rejection {
        String value = credentials.get(name);
        if (value == null) {
            throw new Rejection("credential '" + name + "' is missing");
        }
        return value;
    }

    private static String server(String value) throws Rejection {
        if (!SERVER_FORM.matcher(value).matches()) {
            throw new Rejection("server '" + KeyNames.printable(value) + "' is not a server id");
        }
        return value;
    }

    private static SignatureAlgorithm algorithm(String value) throws Rejection {
        return SignatureAlgorithm.byCredential(value).orElseThrow(() -> new Rejection(
                "alg '" + KeyNames.printable(value) + "' is not known; expected rsa-pss-sha256 or ed25519"));
    }

    private static long timestamp(String value) throws Rejection {
        if (!TIMESTAMP_FORM.matcher(value).matches()) {
            throw new Rejection("ts '" + KeyNames.printable(value) + "' is not epoch milliseconds");
        }
        return Long.parseLong(value);
    }

    private static String nonce(String value) throws Rejection {
        if (!NONCE_FORM.matcher(value).matches()) {
            throw new Rejection("nonce '" + KeyNames.printable(value) + "' is not " + NONCE_BYTES + " bytes of unpadded base64url");
        }
        return value;
    }

    private static byte[] signature(String value) throws Rejection {
        if (value.length() > MAX_SIGNATURE_CHARS) {
            throw new Rejection("sig is " + value.length() + " characters long, more than any accepted key makes");
        }
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new Rejection("sig is not base64: " + e.getMessage());
        }
    }
}
