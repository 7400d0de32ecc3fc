package keeper.process.internal;

import java.util.Locale;
import java.util.Optional;

import keeper.api.Outcome;

/** The operations a command, a hook or a repeat action can run on one child. */
enum Command {
    START("start", true, Outcome.Action.START),
    RESTART("restart", true, Outcome.Action.RESTART),
    TRYSTART("trystart", true, Outcome.Action.TRYSTART),
    STOP("stop", false, Outcome.Action.STOP);

    private final String word;
    private final boolean bringsUp;
    private final Outcome.Action action;

    Command(String word, boolean bringsUp, Outcome.Action action) {
        this.word = word;
        this.bringsUp = bringsUp;
        this.action = action;
    }

    /** The operation as its outcome names it. */
    Outcome.Action action() {
        return action;
    }

    /** {@code true} when the operation (re)starts the child, and so runs its prehook; {@code false} for stop (posthook). */
    boolean bringsUp() {
        return bringsUp;
    }

    String word() {
        return word;
    }

    static Optional<Command> parse(String word) {
        if (word == null) {
            return Optional.empty();
        }
        String lower = word.trim().toLowerCase(Locale.ROOT);
        for (Command command : values()) {
            if (command.word.equals(lower)) {
                return Optional.of(command);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return word;
    }
}
