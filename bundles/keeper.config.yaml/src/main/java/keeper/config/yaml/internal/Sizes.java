package keeper.config.yaml.internal;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Sizes as child files write them ({@code stdout_max_bytes}, {@code max_memory}): bytes ({@code 1048576}), or a whole
 * number with {@code KB}, {@code MB} or {@code GB}, powers of 1024 in any letter case, at most a terabyte.
 */
final class Sizes {

    /** A size beyond a terabyte is a typo, and keeps the arithmetic far from overflow. */
    static final long MAX_BYTES = 1L << 40;
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,16})\\s*(|B|KB|MB|GB)", Pattern.CASE_INSENSITIVE);

    private Sizes() {
    }

    /** The size in bytes, or {@code null} when {@code node} is no size (the caller words the problem). */
    static Long bytes(Node node) {
        if (node instanceof ScalarNode scalar && (node.getTag() == Tag.INT || node.getTag() == Tag.STR)) {
            Matcher matcher = SIZE.matcher(scalar.getValue().strip());
            if (matcher.matches()) {
                BigInteger bytes = new BigInteger(matcher.group(1)).shiftLeft(shift(matcher.group(2)));
                if (bytes.compareTo(BigInteger.valueOf(MAX_BYTES)) <= 0) {
                    return bytes.longValueExact();
                }
            }
        }
        return null;
    }

    private static int shift(String unit) {
        return switch (unit.toUpperCase(Locale.ROOT)) {
            case "KB" -> 10;
            case "MB" -> 20;
            case "GB" -> 30;
            default -> 0;
        };
    }
}
