package keeper.auth.pem.internal;

import static keeper.auth.pem.internal.CanonicalRequest.ALG;
import static keeper.auth.pem.internal.CanonicalRequest.KEY;
import static keeper.auth.pem.internal.CanonicalRequest.NONCE;
import static keeper.auth.pem.internal.CanonicalRequest.SERVER;
import static keeper.auth.pem.internal.CanonicalRequest.SIG;
import static keeper.auth.pem.internal.CanonicalRequest.TS;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import keeper.api.spi.auth.AuthScheme;
import keeper.api.spi.auth.Authenticator;
import keeper.api.spi.auth.Envelope;
import keeper.api.spi.auth.RequestSigner;

/**
 * Signs requests with a PEM private key for {@link PemKeyAuthenticator}: {@code keeper ... with ops.pem}
 * signs as key {@code ops}. A DS component inside the runtime; the {@code keeper} CLI finds it with
 * ServiceLoader (META-INF/services) through the public no-argument constructor, and only when a request
 * is to be signed, so an unsigned command never loads BouncyCastle.
 */
@Component(service = RequestSigner.class)
@AuthScheme(PemKeyAuthenticator.SCHEME)
public final class PemRequestSigner implements RequestSigner {

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public PemRequestSigner() {
        this(Clock.systemUTC());
    }

    PemRequestSigner(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Envelope sign(Envelope request, Path privateKeyPem) throws IOException {
        if (!request.credentials().containsKey(SERVER)) {
            throw new IOException("a request is signed for one server: its '" + SERVER + "' credential is missing");
        }
        String keyName = keyName(privateKeyPem);
        ParsedKey<PrivateKey> key = PemFiles.readPrivateKey(privateKeyPem);
        Map<String, String> credentials = new LinkedHashMap<>(request.credentials());
        credentials.put(KEY, keyName);
        credentials.put(ALG, key.algorithm().credential());
        credentials.put(TS, Long.toString(clock.millis()));
        credentials.put(NONCE, nonce());
        byte[] signed = CanonicalRequest.bytes(new Envelope(request.version(), request.line(), credentials));
        try {
            credentials.put(SIG, Base64.getEncoder().encodeToString(key.algorithm().sign(key.key(), signed)));
        } catch (GeneralSecurityException e) {
            throw new UnusableKeyException("key " + privateKeyPem + " cannot sign: " + e.getMessage(), e);
        }
        return new Envelope(request.version(), request.line(), credentials);
    }

    /** The file's stem: the server looks for the public key under the same name. */
    private static String keyName(Path privateKeyPem) throws UnusableKeyException {
        Path fileName = privateKeyPem.getFileName();
        String name = fileName == null ? "" : fileName.toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String problem = KeyNames.problem(stem);
        if (problem != null) {
            throw new UnusableKeyException("key " + privateKeyPem + " cannot be used: its file name gives the key name, and "
                    + problem + "; " + KeyNames.RULE + " (e.g. ops.pem)");
        }
        return stem;
    }

    private String nonce() {
        byte[] bytes = new byte[SignedCredentials.NONCE_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
