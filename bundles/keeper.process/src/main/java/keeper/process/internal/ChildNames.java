package keeper.process.internal;

import java.util.Optional;
import java.util.regex.Pattern;

import keeper.api.ChildSpec;

/**
 * Child names arrive from the network and become file names (the child file, its default log
 * files), so only plain names are accepted: no separators, no leading dot, bounded length.
 */
final class ChildNames {

    private static final Pattern PLAIN = Pattern.compile(ChildSpec.VALID_NAME);
    private static final int SHOWN = 60;

    private ChildNames() {
    }

    static boolean valid(String name) {
        return name != null && PLAIN.matcher(name).matches();
    }

    /** Why {@code name} cannot be a child name, or empty when it can (for hook chain problems). */
    static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("no child name given");
        }
        if (PLAIN.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of("'" + printable(name) + "' is not a child name: use 1 to 64 letters, digits,"
                + " '_' or '-', starting with a letter or digit");
    }

    /** {@code name} cut to a readable length with control characters escaped: safe to show and log. */
    static String printable(String name) {
        if (name == null) {
            return "";
        }
        String shown = name.length() > SHOWN ? name.substring(0, SHOWN) + "..." : name;
        StringBuilder out = new StringBuilder();
        shown.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
