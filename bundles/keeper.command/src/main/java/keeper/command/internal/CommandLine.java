package keeper.command.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import keeper.api.ChildSpec;

import keeper.api.spi.command.Request;

/**
 * Turns a command line such as {@code restart web} or {@code status --json} into a {@link Request},
 * refusing anything else: a command word, at most one child name, and option words anywhere after the command.
 */
final class CommandLine {

    /** A child name is a file stem: never a path, never an option, never shell syntax. */
    private static final Pattern CHILD_NAME = Pattern.compile(ChildSpec.VALID_NAME);
    /** {@code --json}, {@code -f}, {@code --lines=20}: lower-case names, a value after {@code =} of plain characters. */
    private static final Pattern OPTION = Pattern.compile("--?[a-z0-9][a-z0-9-]*(=[A-Za-z0-9_.:,+/-]+)?");

    private CommandLine() {
    }

    /** Parses {@code line}; throws with a message fit for the person who typed it. */
    static Request parse(String line) {
        String[] words = line.strip().split("\\s+");
        if (words[0].isEmpty()) {
            throw new IllegalArgumentException("empty command line");
        }
        String command = words[0].toLowerCase(Locale.ROOT);
        String target = null;
        List<String> options = new ArrayList<>();
        for (int i = 1; i < words.length; i++) {
            String word = words[i];
            if (word.startsWith("-")) {
                options.add(option(word));
            } else if (target == null) {
                target = target(word);
            } else {
                throw new IllegalArgumentException("too many words in '" + abbreviate(line.strip())
                        + "': a command takes at most one child name");
            }
        }
        return new Request(command, target, options);
    }

    private static String option(String word) {
        if (!OPTION.matcher(word).matches()) {
            throw new IllegalArgumentException("'" + abbreviate(word) + "' is not an option: write --name or"
                    + " --name=value in lower case, e.g. --json");
        }
        return word;
    }

    private static String target(String word) {
        if (!CHILD_NAME.matcher(word).matches()) {
            throw new IllegalArgumentException("'" + abbreviate(word) + "' is not a child name: use letters, digits,"
                    + " '_' and '-' (starting with a letter or digit, at most 64 characters), or 'all'");
        }
        return word;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
