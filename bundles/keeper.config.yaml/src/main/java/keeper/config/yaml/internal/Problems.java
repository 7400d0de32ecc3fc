package keeper.config.yaml.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.yaml.snakeyaml.nodes.Node;

import keeper.api.ConfigException;
import keeper.api.ConfigProblem;

/**
 * Problems found in one file. Readers keep going after a problem so that one run of the server
 * names everything wrong in a file, not only the first thing.
 */
final class Problems {

    private final Path file;
    private final List<ConfigProblem> found = new ArrayList<>();

    Problems(Path file) {
        this.file = file;
    }

    /** A problem at {@code node}'s line; {@code field} may be {@code null}. */
    void add(Node node, String field, String message) {
        add(lineOf(node), field, message);
    }

    /** A problem at a 1-based line, or 0 when the line is unknown. */
    void add(int line, String field, String message) {
        found.add(new ConfigProblem(file, line, field, message));
    }

    void throwIfAny() throws ConfigException {
        if (!found.isEmpty()) {
            throw new ConfigException(found);
        }
    }

    static int lineOf(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
