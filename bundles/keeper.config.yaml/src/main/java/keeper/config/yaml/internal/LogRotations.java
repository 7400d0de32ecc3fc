package keeper.config.yaml.internal;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import keeper.api.LogRotation;
import keeper.api.Rotation;

/**
 * A child's rotation fields, in supervisord's spirit: {@code stdout_max_bytes}, {@code stdout_backups},
 * {@code stderr_max_bytes}, {@code stderr_backups}. A size is bytes, or a whole number with {@code KB},
 * {@code MB} or {@code GB} (powers of 1024, as supervisord); {@code 0} never rotates.
 */
final class LogRotations {

    /** More copies than this is a typo: each is a whole log. */
    private static final int MAX_BACKUPS = 1000;
    /** A size beyond a terabyte is a typo, and keeps the arithmetic far from overflow. */
    private static final long MAX_BYTES = 1L << 40;
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,16})\\s*(|B|KB|MB|GB)", Pattern.CASE_INSENSITIVE);

    private LogRotations() {
    }

    static LogRotation read(Fields child) {
        return new LogRotation(rotation(child, "stdout"), rotation(child, "stderr"));
    }

    private static Rotation rotation(Fields child, String stream) {
        String sizeField = stream + "_max_bytes";
        Node size = child.get(sizeField);
        Long maxBytes = size == null ? Long.valueOf(Rotation.DEFAULT.maxBytes())
                : bytes(size, child.name(sizeField), child.problems());
        long backups = child.wholeNumber(stream + "_backups", 0, MAX_BACKUPS, Rotation.DEFAULT.backups());
        return maxBytes == null ? Rotation.DEFAULT : new Rotation(maxBytes, (int) backups);
    }

    /** {@code 1048576}, {@code 512KB}, {@code 50MB}, {@code 1GB}: the size in bytes, or null after a problem. */
    static Long bytes(Node node, String field, Problems problems) {
        if (node instanceof ScalarNode scalar && (node.getTag() == Tag.INT || node.getTag() == Tag.STR)) {
            Matcher matcher = SIZE.matcher(scalar.getValue().strip());
            if (matcher.matches()) {
                BigInteger bytes = new BigInteger(matcher.group(1)).shiftLeft(shift(matcher.group(2)));
                if (bytes.compareTo(BigInteger.valueOf(MAX_BYTES)) <= 0) {
                    return bytes.longValueExact();
                }
            }
        }
        problems.add(node, field, "must be a size such as 50MB, 512KB or 1048576 (bytes), at most 1024GB, or 0 to"
                + " never rotate, not " + Describe.kind(node));
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
