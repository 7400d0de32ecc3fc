package keeper.api;

/**
 * The result of one supervisor operation, worded for the person who asked.
 *
 * @param ok      whether the operation did what was asked
 * @param message what happened, e.g. {@code web started (pid 4242)} or why it was refused
 */
public record Outcome(boolean ok, String message) {
    public static Outcome ok(String message) {
        return new Outcome(true, message);
    }

    public static Outcome refused(String message) {
        return new Outcome(false, message);
    }
}
