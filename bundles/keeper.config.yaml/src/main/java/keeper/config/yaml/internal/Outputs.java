package keeper.config.yaml.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

import keeper.api.Output;

/**
 * A child's {@code output} list: {@code - stdout: FILE} / {@code - stderr: FILE}, each with an optional
 * {@code mode: create|append} (append when absent, so a restart never wipes what the child logged).
 */
record Outputs(Output stdout, Output stderr) {

    private static final Set<String> FIELDS = Set.of("stdout", "stderr", "mode");
    private static final List<String> MODES = List.of("create", "append");
    private static final String STDOUT = "stdout";
    private static final String STDERR = "stderr";

    static Outputs read(Fields child, Path base) {
        Output stdout = null;
        Output stderr = null;
        List<Node> entries = child.list("output");
        for (int i = 0; i < entries.size(); i++) {
            String field = "output[" + i + "]";
            MappingNode mapping = Values.mapping(entries.get(i), field, child.problems());
            Fields entry = mapping == null ? null : new Fields(mapping, field, FIELDS, child.problems());
            String stream = entry == null ? null : stream(entry);
            Output output = stream == null ? null : output(entry, stream, base);
            if (output != null && STDOUT.equals(stream)) {
                stdout = once(stdout, output, entry, stream);
            } else if (output != null) {
                stderr = once(stderr, output, entry, stream);
            }
        }
        return new Outputs(stdout, stderr);
    }

    private static String stream(Fields entry) {
        boolean out = entry.get(STDOUT) != null;
        boolean err = entry.get(STDERR) != null;
        if (out == err) {
            entry.problem(STDOUT, "each output entry names exactly one of stdout or stderr, with its file");
            return null;
        }
        return out ? STDOUT : STDERR;
    }

    private static Output output(Fields entry, String stream, Path base) {
        String text = Values.nonBlankText(entry.get(stream), entry.name(stream), entry.problems());
        Path path = text == null ? null
                : RelativePaths.resolve(base, text, entry.get(stream), entry.name(stream), entry.problems());
        String mode = entry.oneOf("mode", MODES, "append");
        return path == null ? null : new Output(path, mode.equals("append"));
    }

    private static Output once(Output earlier, Output output, Fields entry, String stream) {
        if (earlier != null) {
            entry.problem(stream, stream + " is already given by an earlier output entry");
            return earlier;
        }
        return output;
    }
}
