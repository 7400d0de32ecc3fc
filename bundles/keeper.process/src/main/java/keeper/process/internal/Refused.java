package keeper.process.internal;

/** A lookup that cannot go on, with the reason worded for the person who asked. */
final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
        super(message, null, false, false);
    }

    Result result() {
        return Result.refused(getMessage());
    }
}
