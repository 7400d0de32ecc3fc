package keeper.example.plugin.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import keeper.api.KeeperProperties;
import keeper.api.spi.auth.AuthResult;
import keeper.api.spi.auth.AuthScheme;
import keeper.api.spi.auth.Authenticator;
import keeper.api.spi.auth.Envelope;

/**
 * Scheme {@code token}: a request carrying the credential {@code token} is accepted when it equals the
 * content of {@code <keeper.state>/token}, and rejected otherwise. Requests without that credential
 * are someone else's business (e.g. PEM-signed ones), so this authenticator abstains on them.
 *
 * <p>The file is read on every request, so a new token takes effect without a restart.
 */
@Component
@AuthScheme(SharedTokenAuthenticator.SCHEME)
public final class SharedTokenAuthenticator implements Authenticator {

    static final String SCHEME = "token";

    /** The envelope credential this scheme reads. */
    static final String CREDENTIAL = "token";

    private static final System.Logger LOG = System.getLogger(SharedTokenAuthenticator.class.getName());

    private final Path tokenFile;

    @Activate
    public SharedTokenAuthenticator(BundleContext context) {
        this(tokenFileIn(context.getProperty(KeeperProperties.STATE_DIR)));
    }

    SharedTokenAuthenticator(Path tokenFile) {
        this.tokenFile = tokenFile;
    }

    @Override
    public AuthResult authenticate(Envelope envelope) {
        AuthResult result = check(envelope.credentials().get(CREDENTIAL));
        // Never log the token itself: the reason says why, the line says for what.
        LOG.log(Level.INFO, "token authenticator consulted for '" + envelope.line() + "': "
                + result.verdict() + " (" + result.reason() + ")");
        return result;
    }

    private AuthResult check(String offered) {
        if (offered == null) {
            return AuthResult.abstained();
        }
        String expected;
        try {
            expected = Files.readString(tokenFile).strip();
        } catch (IOException e) {
            return AuthResult.rejected("cannot read the token file " + tokenFile + ": " + e);
        }
        if (expected.isEmpty()) {
            return AuthResult.rejected("the token file " + tokenFile + " is empty");
        }
        return sameInConstantTime(expected, offered)
                ? AuthResult.accepted(SCHEME)
                : AuthResult.rejected("wrong token");
    }

    /**
     * Compares digests rather than the strings: {@link MessageDigest#isEqual} takes the same time
     * whatever bytes differ, and equal-length digests do not reveal the token's length either.
     */
    private static boolean sameInConstantTime(String expected, String offered) {
        return MessageDigest.isEqual(sha256(expected), sha256(offered));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static Path tokenFileIn(String stateDir) {
        if (stateDir == null) {
            throw new IllegalStateException("framework property " + KeeperProperties.STATE_DIR
                    + " is not set: the token file is <" + KeeperProperties.STATE_DIR + ">/token");
        }
        return Path.of(stateDir, "token");
    }
}
