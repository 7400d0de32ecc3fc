package keeper.api.spi.command;

import java.util.List;

/**
 * One parsed command: {@code restart web} is command {@code restart}, target {@code web};
 * {@code status --json} is command {@code status} with option {@code --json}.
 *
 * @param command the command word, lower case
 * @param target  the child (or {@code all}), or {@code null} when none was given
 * @param options the option words in the order given, each starting with {@code -} (e.g. {@code --json},
 *                {@code --lines=20}); a command reads the ones it knows and refuses the rest
 */
public record Request(String command, String target, List<String> options) {

    public Request {
        options = List.copyOf(options);
    }

    /** A request without options. */
    public Request(String command, String target) {
        this(command, target, List.of());
    }

    public boolean hasTarget() {
        return target != null;
    }

    /** Whether the option word {@code option} (e.g. {@code --json}) was given. */
    public boolean hasOption(String option) {
        return options.contains(option);
    }

    @Override
    public String toString() {
        StringBuilder line = new StringBuilder(command);
        if (target != null) {
            line.append(' ').append(target);
        }
        options.forEach(option -> line.append(' ').append(option));
        return line.toString();
    }
}
