package keeper.process.internal;

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
