package keeper.protocol;

/**
 * Text from the network made safe to show: every character a terminal or log viewer may act on is
 * written as a visible escape, so that a peer cannot move the cursor, rename the window (OSC), ring the
 * bell, forge log lines (newlines, U+2028/U+2029) or reorder what a reader sees (bidi overrides).
 * Used by the server for everything a peer sent that reaches a log, and by the client for replies.
 */
public final class Printable {

    /** How much of a peer's text a log line shows. */
    public static final int LOG_LENGTH = 64;

    private static final String CUT = "...";

    private Printable() {
    }

    /**
     * One line for a log: at most {@code max} characters of {@code text}, then {@code ...} if it was
     * longer, with every control character escaped, newlines and tabs included.
     */
    public static String line(String text, int max) {
        StringBuilder shown = new StringBuilder(Math.min(text.length(), max) + CUT.length());
        int count = 0;
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            if (count++ == max) {
                return shown.append(CUT).toString();
            }
            append(shown, text.codePointAt(i), false);
        }
        return shown.toString();
    }

    /** Text of several lines for a terminal: newlines and tabs stay, every other control character is escaped. */
    public static String text(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        // a loop, not codePoints().forEachOrdered: the CLI prints every reply through here, and a stream's first use
        // costs a short-lived JVM its pipeline classes and a lambda
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            append(shown, text.codePointAt(i), true);
        }
        return shown.toString();
    }

    private static void append(StringBuilder shown, int c, boolean layout) {
        if (layout && (c == '\n' || c == '\t')) {
            shown.append((char) c);
        } else if (acts(c)) {
            shown.append(c <= 0xFF ? String.format("\\x%02x", c) : String.format("\\u%04x", c));
        } else {
            shown.appendCodePoint(c);
        }
    }

    /**
     * C0 and C1 controls and DEL (ESC, CSI, OSC, BEL, CR, ...), format characters (bidi overrides and
     * isolates, zero-width characters), line and paragraph separators, and lone surrogates.
     */
    static boolean acts(int c) {
        switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> {
                return true;
            }
            default -> {
                return false;
            }
        }
    }
}
