package keeper.protocol;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Keeper's one JSON writer (and, through {@link JsonReader}, reader): every JSON document Keeper
 * produces, whatever the front end (the {@code --json} replies, the HTTP API, the fleet client), is
 * rendered here, so escaping is done once.
 *
 * <p>Values are {@code null}, {@link String}, {@link Boolean}, {@link Integer}, {@link Long}, {@link Short},
 * {@link Byte}, {@link BigInteger}, {@link BigDecimal}, finite {@link Double} and {@link Float},
 * {@link JsonObject}, {@link JsonArray}, a {@link Map} with {@link String} keys and any {@link Collection},
 * nested as deep as wanted. Output is compact (no newlines), so a document is one line, and every
 * character a terminal or log viewer may act on is written as a {@code \}{@code uXXXX} escape: a document
 * shown as it is cannot drive a terminal, even if a child's name or a file name held escape sequences.
 */
public final class Json {

    private Json() {
    }

    /** A new empty object to fill with {@link JsonObject#put}. */
    public static JsonObject object() {
        return new JsonObject();
    }

    /** A new empty array to fill with {@link JsonArray#add}. */
    public static JsonArray array() {
        return new JsonArray();
    }

    /** One value as compact JSON text. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    /** A string as a JSON string literal, quotes included. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        appendString(out, text);
        return out.toString();
    }

    static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            appendString(out, text);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof BigDecimal decimal) {
            out.append(decimal.toString());
        } else if (value instanceof Double || value instanceof Float) {
            appendFloating(out, ((Number) value).doubleValue());
        } else if (value instanceof JsonObject object) {
            appendMembers(out, object.members());
        } else if (value instanceof JsonArray array) {
            appendItems(out, array.items());
        } else if (value instanceof Map<?, ?> map) {
            appendMembers(out, map);
        } else if (value instanceof Collection<?> items) {
            appendItems(out, items);
        } else {
            throw new IllegalArgumentException("no JSON form for a " + value.getClass().getName());
        }
    }

    private static void appendFloating(StringBuilder out, double number) {
        if (!Double.isFinite(number)) {
            throw new IllegalArgumentException("JSON has no form for " + number);
        }
        out.append(number);
    }

    private static void appendMembers(StringBuilder out, Map<?, ?> members) {
        out.append('{');
        String separator = "";
        for (Map.Entry<?, ?> member : members.entrySet()) {
            if (!(member.getKey() instanceof String name)) {
                throw new IllegalArgumentException("a JSON object's keys are strings, got " + member.getKey());
            }
            out.append(separator);
            appendString(out, name);
            out.append(':');
            write(out, member.getValue());
            separator = ",";
        }
        out.append('}');
    }

    private static void appendItems(StringBuilder out, Collection<?> items) {
        out.append('[');
        String separator = "";
        for (Object item : items) {
            out.append(separator);
            write(out, item);
            separator = ",";
        }
        out.append(']');
    }

    private static void appendString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int width = Character.charCount(c);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (Printable.acts(c)) {
                        // each UTF-16 unit, so a lone surrogate or a format character above U+FFFF stays exact
                        for (int unit = i; unit < i + width; unit++) {
                            out.append(String.format("\\u%04x", (int) text.charAt(unit)));
                        }
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
            i += width;
        }
        out.append('"');
    }
}
