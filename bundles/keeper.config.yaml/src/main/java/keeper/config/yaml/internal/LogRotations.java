package keeper.config.yaml.internal;


import org.yaml.snakeyaml.nodes.Node;

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
        Long bytes = Sizes.bytes(node);
        if (bytes == null) {
            problems.add(node, field, "must be a size such as 50MB, 512KB or 1048576 (bytes), at most 1024GB, or 0 to"
                    + " never rotate, not " + Describe.kind(node));
        }
        return bytes;
    }
}
