package keeper.process.internal;

/** A child could not be spawned; the message says why for a person (no stack trace needed). */
final class SpawnException extends Exception {
    private static final long serialVersionUID = 1L;

    SpawnException(String message) {
        super(message, null, false, false);
    }
}
