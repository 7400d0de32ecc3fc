package keeper.config.yaml.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.yaml.snakeyaml.nodes.Node;

/** Paths written in a file are relative to that file's directory, so a config tree can be moved whole. */
final class RelativePaths {

    private RelativePaths() {
    }

    /** {@code text} resolved against {@code base}, or {@code null} after a problem when it is no path. */
    static Path resolve(Path base, String text, Node node, String field, Problems problems) {
        try {
            return base.resolve(text).normalize();
        } catch (InvalidPathException e) {
            problems.add(node, field, "is not a usable path: " + e.getReason());
            return null;
        }
    }
}
