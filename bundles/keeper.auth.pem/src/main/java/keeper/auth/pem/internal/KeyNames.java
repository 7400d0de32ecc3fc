package keeper.auth.pem.internal;

import java.util.regex.Pattern;

import keeper.protocol.Printable;

/**
 * Key names: plain file stems, never paths. A name is checked before it comes near the file system.
 * The pattern admits no {@code /}, {@code \}, NUL or other control character; {@code ..} is refused on
 * its own because the pattern allows dots.
 */
final class KeyNames {

    static final int MAX_LENGTH = 64;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0," + (MAX_LENGTH - 1) + "}");
    static final String RULE = "a key name is 1 to " + MAX_LENGTH
            + " letters, digits, '_', '.' or '-', starts with a letter or digit and has no '..'";

    private KeyNames() {
    }

    /** Null when {@code name} is a valid key name, else why not. */
    static String problem(String name) {
        if (name.isEmpty()) {
            return "key name is empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "key name is " + name.length() + " characters long";
        }
        if (!VALID.matcher(name).matches() || name.contains("..")) {
            return "key name '" + printable(name) + "' is not valid";
        }
        return null;
    }

    /** {@code name} made safe for a log line: short, with control characters escaped. */
    static String printable(String name) {
        return Printable.line(name, MAX_LENGTH);
    }
}
