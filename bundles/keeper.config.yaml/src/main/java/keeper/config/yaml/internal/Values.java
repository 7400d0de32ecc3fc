package keeper.config.yaml.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed values out of YAML nodes. Each method returns {@code null} after recording a problem naming
 * {@code field}, so a reader carries on and reports everything wrong in one go.
 */
final class Values {

    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
    private static final Set<String> TRUE_WORDS = Set.of("true", "yes", "on");
    private static final Set<String> FALSE_WORDS = Set.of("false", "no", "off");

    private Values() {
    }

    static boolean isNull(Node node) {
        return node == null || node.getTag() == Tag.NULL;
    }

    /** Any plain value as written: {@code port: 80} in {@code environment} is the text "80". */
    static String text(Node node, String field, Problems problems) {
        if (node instanceof ScalarNode scalar && !isNull(node)) {
            return scalar.getValue();
        }
        problems.add(node, field, "must be a text value, not " + Describe.kind(node));
        return null;
    }

    /** Text that is not blank. */
    static String nonBlankText(Node node, String field, Problems problems) {
        String text = text(node, field, problems);
        if (text != null && text.isBlank()) {
            problems.add(node, field, "must not be empty");
            return null;
        }
        return text;
    }

    static Boolean bool(Node node, String field, Problems problems) {
        if (node instanceof ScalarNode scalar && node.getTag() == Tag.BOOL) {
            return TRUE_WORDS.contains(scalar.getValue().toLowerCase(Locale.ROOT));
        }
        problems.add(node, field, "must be true or false, not " + Describe.kind(node));
        return null;
    }

    /** {@code on}/{@code off} written plain (a YAML boolean) or quoted (a string), and true/false. */
    static Boolean onOff(Node node, String field, Problems problems) {
        if (node instanceof ScalarNode scalar && (node.getTag() == Tag.BOOL || node.getTag() == Tag.STR)) {
            String word = scalar.getValue().toLowerCase(Locale.ROOT);
            if (TRUE_WORDS.contains(word) || FALSE_WORDS.contains(word)) {
                return TRUE_WORDS.contains(word);
            }
        }
        problems.add(node, field, "must be on or off, not " + Describe.kind(node));
        return null;
    }

    /** A decimal whole number in {@code [min, max]}. */
    static Long wholeNumber(Node node, String field, long min, long max, Problems problems) {
        if (node instanceof ScalarNode scalar && node.getTag() == Tag.INT
                && DECIMAL.matcher(scalar.getValue()).matches()) {
            BigInteger value = new BigInteger(scalar.getValue());
            if (value.compareTo(BigInteger.valueOf(max)) > 0 && value.compareTo(BigInteger.valueOf(min)) >= 0) {
                problems.add(node, field, "must be at most " + max + ", not " + Describe.kind(node));
                return null;
            }
            if (value.compareTo(BigInteger.valueOf(min)) >= 0) {
                return value.longValue();
            }
        }
        problems.add(node, field, "must be a whole number " + range(min, max) + ", not " + Describe.kind(node));
        return null;
    }

    /** A number (whole or decimal) greater than zero and at most {@code max}. */
    static BigDecimal positiveNumber(Node node, String field, BigDecimal max, Problems problems) {
        if (node instanceof ScalarNode scalar && (node.getTag() == Tag.INT || node.getTag() == Tag.FLOAT)) {
            try {
                BigDecimal value = new BigDecimal(scalar.getValue());
                if (value.signum() > 0 && value.compareTo(max) <= 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // written like 1_000 or .inf: reported below like any other unusable number
            }
        }
        problems.add(node, field, "must be a number > 0 and at most " + max.toPlainString()
                + ", not " + Describe.kind(node));
        return null;
    }

    /** One of {@code words}, compared ignoring case; returned in lower case. */
    static String oneOf(Node node, String field, List<String> words, Problems problems) {
        if (node instanceof ScalarNode scalar && !isNull(node)) {
            String word = scalar.getValue().toLowerCase(Locale.ROOT);
            if (words.contains(word)) {
                return word;
            }
        }
        problems.add(node, field, "must be one of " + String.join(", ", words) + ", not " + Describe.kind(node));
        return null;
    }

    static List<Node> list(Node node, String field, Problems problems) {
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        problems.add(node, field, "must be a list, not " + Describe.kind(node));
        return null;
    }

    static MappingNode mapping(Node node, String field, Problems problems) {
        if (node instanceof MappingNode mapping) {
            return mapping;
        }
        problems.add(node, field, "must be a mapping (name: value), not " + Describe.kind(node));
        return null;
    }

    /** Bounds as a person would say them; a bound far above any sensible value is left unsaid. */
    private static String range(long min, long max) {
        if (max >= Integer.MAX_VALUE) {
            return min == 1 ? "> 0" : ">= " + min;
        }
        return "from " + min + " to " + max;
    }
}
