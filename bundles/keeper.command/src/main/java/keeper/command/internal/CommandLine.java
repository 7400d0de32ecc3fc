package keeper.command.internal;

import java.util.Locale;
import java.util.regex.Pattern;

import keeper.api.ChildSpec;

import keeper.api.spi.command.Request;

/** Turns a command line such as {@code restart web} into a {@link Request}, refusing anything else. */
final class CommandLine {

    /** A child name is a file stem: never a path, never an option, never shell syntax. */
    private static final Pattern CHILD_NAME = Pattern.compile(ChildSpec.VALID_NAME);

    private CommandLine() {
    }

    /** Parses {@code line}; throws with a message fit for the person who typed it. */
    static Request parse(String line) {
        String[] words = line.strip().split("\\s+");
        if (words[0].isEmpty()) {
            throw new IllegalArgumentException("empty command line");
        }
        if (words.length > 2) {
            throw new IllegalArgumentException("too many words in '" + abbreviate(line.strip())
                    + "': a command takes at most one child name");
        }
        String command = words[0].toLowerCase(Locale.ROOT);
        if (words.length == 1) {
            return new Request(command, null);
        }
        String target = words[1];
        if (!CHILD_NAME.matcher(target).matches()) {
            throw new IllegalArgumentException("'" + abbreviate(target) + "' is not a child name: use letters, digits,"
                    + " '_' and '-' (starting with a letter or digit, at most 64 characters), or 'all'");
        }
        return new Request(command, target);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
