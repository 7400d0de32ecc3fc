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

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import keeper.api.ConfigException;
import keeper.api.ConfigSource;
import keeper.api.KeeperProperties;
import keeper.api.spi.auth.AuthResult;
import keeper.api.spi.auth.AuthScheme;
import keeper.api.spi.auth.Authenticator;
import keeper.api.spi.auth.Envelope;

/**
 * The pem scheme: a request signed with a private key is accepted when {@code <key>.pem} in exactly one
 * pub_keys_path directory verifies its signature, it is for this server ({@code keeper.server.id}), its
 * timestamp is within the allowed skew and not from before this authenticator started, and its nonce
 * has not been seen. Nonces are remembered in memory only: a request signed before the start cannot
 * have its nonce remembered, so it is refused outright, and a restart opens no replay window. The directories are read from server.yml on every request, so a key dropped in
 * works at once and a removed key is refused at once.
 *
 * <p>Checks run cheapest first and touch the file system only after the key name is known to be a plain
 * file stem. A nonce is remembered only once the signature verified, so forged requests cannot burn the
 * nonces of genuine ones.
 */
@Component(service = Authenticator.class, configurationPid = "keeper.auth.pem", immediate = true)
@AuthScheme(PemKeyAuthenticator.SCHEME)
public final class PemKeyAuthenticator implements Authenticator {

    static final String SCHEME = "pem";

    private final ConfigSource config;
    private final String serverId;
    private final Duration skew;
    private final Clock clock;
    /** Epoch milliseconds when the nonce memory started: requests signed before then may be replays. */
    private final long started;
    private final NonceCache nonces;
    private final PublicKeyCache keys = new PublicKeyCache();

    @Activate
    public PemKeyAuthenticator(BundleContext context, @Reference(name = "config") ConfigSource config,
            PemAuthSettings settings) {
        this(config, context.getProperty(KeeperProperties.SERVER_ID), Duration.ofSeconds(settings.skewSeconds()),
                settings.rememberedNonces(), Clock.systemUTC(), Clock.systemUTC().millis());
    }

    /**
     * @param serverId this server's id, or null when the framework has none (then nothing is accepted)
     * @param started  epoch milliseconds from which on signed requests are accepted
     */
    PemKeyAuthenticator(ConfigSource config, String serverId, Duration skew, int rememberedNonces, Clock clock,
            long started) {
        if (skew.isNegative() || skew.isZero()) {
            throw new IllegalArgumentException("keeper.auth.pem skewSeconds must be positive, not " + skew.getSeconds());
        }
        this.config = config;
        this.serverId = serverId;
        this.skew = skew;
        this.clock = clock;
        this.started = started;
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
        checkServer(credentials);
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

    private void checkServer(SignedCredentials credentials) throws Rejection {
        if (serverId == null) {
            throw new Rejection("this server has no id (framework property " + KeeperProperties.SERVER_ID
                    + " is not set), so no request can be signed for it");
        }
        if (!serverId.equals(credentials.server())) {
            throw new Rejection("request is signed for server " + credentials.server() + ", not for this one ("
                    + serverId + ")");
        }
    }

    private void checkFresh(SignedCredentials credentials, Instant now) throws Rejection {
        long offset = credentials.timestamp() - now.toEpochMilli();
        if (Math.abs(offset) > skew.toMillis()) {
            throw new Rejection("stale request: ts " + credentials.timestamp() + " is " + Math.abs(offset) + " ms "
                    + (offset < 0 ? "behind" : "ahead of") + " the server clock; at most " + skew.getSeconds() + " s is allowed");
        }
        if (credentials.timestamp() < started) {
            throw new Rejection("request signed at ts " + credentials.timestamp() + ", before this server started (at "
                    + started + "): it may be a replay of a request the server accepted before; sign it again");
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
