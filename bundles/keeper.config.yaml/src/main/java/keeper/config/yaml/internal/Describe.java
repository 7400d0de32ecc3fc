package keeper.config.yaml.internal;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Words for what a person wrote, used in problem messages. */
final class Describe {

    private static final int SHOWN = 60;

    private Describe() {
    }

    static String kind(Node node) {
        if (node == null || node.getTag() == Tag.NULL) {
            return "nothing";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        return "'" + shown(((ScalarNode) node).getValue()) + "'";
    }

    /** {@code text} cut to a readable length, control characters made visible. */
    static String shown(String text) {
        String cut = text.length() > SHOWN ? text.substring(0, SHOWN) + "..." : text;
        StringBuilder out = new StringBuilder();
        cut.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
