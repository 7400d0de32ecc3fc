package keeper.auth.pem.internal;

/**
 * Why a request is refused, for the server log. An expected outcome, not a bug: no stack trace, which
 * also keeps a flood of bad requests cheap.
 */
final class Rejection extends Exception {
    private static final long serialVersionUID = 1L;

    Rejection(String reason) {
        super(reason, null, false, false);
    }
}
