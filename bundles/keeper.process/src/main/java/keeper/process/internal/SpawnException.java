package keeper.process.internal;

/**
 * A child could not be spawned; the message says why for a person (no stack trace needed). Worded here, not
 * in keeper.command: the same words are the transition's reason in the log when an automatic restart fails,
 * and mostly carry the operating system's own (errno) text.
 */
final class SpawnException extends Exception {
    private static final long serialVersionUID = 1L;

    SpawnException(String message) {
        super(message, null, false, false);
    }
}
