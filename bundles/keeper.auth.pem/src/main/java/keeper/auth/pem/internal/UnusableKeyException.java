package keeper.auth.pem.internal;

import java.io.IOException;

/** A key file that cannot be used: missing, unreadable, not PEM, encrypted, or of a kind Keeper refuses. */
final class UnusableKeyException extends IOException {
    private static final long serialVersionUID = 1L;

    UnusableKeyException(String message) {
        super(message);
    }

    UnusableKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
