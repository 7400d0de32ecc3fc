package keeper.process.internal;

import java.util.Locale;
import java.util.Optional;

/** The operations a command, a hook or a repeat action can run on one child. */
enum Command {
    START("start", true),
    RESTART("restart", true),
    TRYSTART("trystart", true),
    STOP("stop", false);

    private final String word;
    private final boolean bringsUp;

    Command(String word, boolean bringsUp) {
        this.word = word;
        this.bringsUp = bringsUp;
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
