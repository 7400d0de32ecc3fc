package keeper.auth.pem.internal;

import static keeper.auth.pem.internal.CanonicalRequest.KEY;
import static keeper.auth.pem.internal.CanonicalRequest.SIG;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SignatureException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import keeper.api.ConfigException;
import keeper.api.ConfigSource;
import keeper.api.spi.auth.AuthResult;
import keeper.api.spi.auth.Authenticator;
import keeper.api.spi.auth.Envelope;

/**
 * The pem scheme: a request signed with a private key is accepted when {@code <key>.pem} in exactly one
 * pub_keys_path directory verifies its signature, its timestamp is within the allowed skew and its nonce
 * has not been seen. The directories are read from server.yml on every request, so a key dropped in
 * works at once and a removed key is refused at once.
 *
 * <p>Checks run cheapest first and touch the file system only after the key name is known to be a plain
 * file stem. A nonce is remembered only once the signature verified, so forged requests cannot burn the
 * nonces of genuine ones.
 */
@Component(service = Authenticator.class, configurationPid = "keeper.auth.pem",
        property = Authenticator.SCHEME + "=" + PemKeyAuthenticator.SCHEME)
public final class PemKeyAuthenticator implements Authenticator {

    static final String SCHEME = "pem";

    private final ConfigSource config;
    private final Duration skew;
    private final Clock clock;
    private final NonceCache nonces;
    private final PublicKeyCache keys = new PublicKeyCache();

    @Activate
    public PemKeyAuthenticator(@Reference(name = "config") ConfigSource config, PemAuthSettings settings) {
        this(config, Duration.ofSeconds(settings.skewSeconds()), settings.rememberedNonces(), Clock.systemUTC());
    }

    PemKeyAuthenticator(ConfigSource config, Duration skew, int rememberedNonces, Clock clock) {
        if (skew.isNegative() || skew.isZero()) {
            throw new IllegalArgumentException("keeper.auth.pem skewSeconds must be positive, not " + skew.getSeconds());
        }
        this.config = config;
        this.skew = skew;
        this.clock = clock;
        // A request is fresh for skew on either side of its ts: its nonce must outlive that whole window.
        this.nonces = new NonceCache(rememberedNonces, skew.multipliedBy(2));
    }

    @Override
    public AuthResult authenticate(Envelope envelope) {
        Map<String, String> credentials = envelope.credentials();
        if (!credentials.containsKey(KEY) || !credentials.containsKey(SIG)) {
            return AuthResult.abstained();
        }
        try {
            return AuthResult.accepted(verify(envelope, SignedCredentials.parse(credentials)));
        } catch (Rejection rejection) {
            return AuthResult.rejected(rejection.getMessage());
        }
    }

    private String verify(Envelope envelope, SignedCredentials credentials) throws Rejection {
        Instant now = clock.instant();
        checkFresh(credentials, now);
        String name = credentials.keyName();
        if (nonces.contains(name, credentials.nonce(), now)) {
            throw replay(credentials);
        }
        PublicKeyFile file = PublicKeyDirectories.find(pubKeysPaths(), name);
        ParsedKey<PublicKey> key = publicKey(file);
        if (key.algorithm() != credentials.algorithm()) {
            throw new Rejection("alg " + credentials.algorithm().credential() + " does not match key " + file.path()
                    + ", which signs with " + key.algorithm().credential());
        }
        if (!signatureVerifies(key, CanonicalRequest.bytes(envelope), credentials.signature())) {
            throw new Rejection("signature does not verify with key " + file.path());
        }
        if (!nonces.remember(name, credentials.nonce(), now)) {
            throw replay(credentials);
        }
        return name;
    }

    private static Rejection replay(SignedCredentials credentials) {
        return new Rejection("replayed request: nonce " + credentials.nonce() + " of key '" + credentials.keyName()
                + "' was already used");
    }

    private void checkFresh(SignedCredentials credentials, Instant now) throws Rejection {
        long offset = credentials.timestamp() - now.getEpochSecond();
        if (Math.abs(offset) > skew.getSeconds()) {
            throw new Rejection("stale request: ts " + credentials.timestamp() + " is " + Math.abs(offset) + " s "
                    + (offset < 0 ? "behind" : "ahead of") + " the server clock; at most " + skew.getSeconds() + " s is allowed");
        }
    }

    private List<Path> pubKeysPaths() throws Rejection {
        try {
            return config.server().pubKeysPaths();
        } catch (ConfigException e) {
            throw new Rejection("server configuration cannot be read: " + e.getMessage());
        }
    }

    private ParsedKey<PublicKey> publicKey(PublicKeyFile file) throws Rejection {
        try {
            return keys.get(file);
        } catch (IOException e) {
            throw new Rejection(e.getMessage());
        }
    }

    private static boolean signatureVerifies(ParsedKey<PublicKey> key, byte[] data, byte[] signature) throws Rejection {
        try {
            return key.algorithm().verify(key.key(), data, signature);
        } catch (SignatureException e) {
            // A signature of the wrong length or form for this key: as bad as one that does not match.
            return false;
        } catch (GeneralSecurityException e) {
            throw new Rejection("signature cannot be checked: " + e);
        }
    }
}
