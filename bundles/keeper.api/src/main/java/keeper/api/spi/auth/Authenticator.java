package keeper.api.spi.auth;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Checks the credentials of a request (whiteboard). With {@code encrypt: on} the dispatcher asks
 * every registered authenticator; a request passes when at least one accepts it and none rejects it.
 * An authenticator answers {@link AuthResult#abstained()} for credentials of a scheme it does not
 * know, so several schemes can be deployed side by side. Implementations must be thread-safe, must
 * not trust anything in the envelope (names, paths) before validating it, and should answer quickly.
 */
@ConsumerType
public interface Authenticator {

    /** Service property: the scheme's name, e.g. {@code pem}; shown in logs. */
    String SCHEME = "keeper.auth.scheme";

    AuthResult authenticate(Envelope envelope);
}
