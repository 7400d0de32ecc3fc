package keeper.config.yaml.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The fields of one YAML mapping with a known set of names. Unknown names are reported when the
 * mapping is opened, with the closest known name when it is likely a typo. An explicit null
 * ({@code field:} with nothing after it) counts as absent, so a field can be blanked without
 * deleting the line.
 */
final class Fields {

    private static final int TYPO_DISTANCE = 2;

    private final Map<String, Node> values = new LinkedHashMap<>();
    private final MappingNode mapping;
    private final String prefix;
    private final Problems problems;

    /** @param prefix the mapping's own field name ({@code repeat}, {@code output[0]}), empty at top level */
    Fields(MappingNode mapping, String prefix, Set<String> known, Problems problems) {
        this.mapping = mapping;
        this.prefix = prefix;
        this.problems = problems;
        for (NodeTuple entry : mapping.getValue()) {
            String key = ((ScalarNode) entry.getKeyNode()).getValue();
            if (known.contains(key)) {
                values.put(key, entry.getValueNode());
            } else {
                problems.add(entry.getKeyNode(), name(key), unknown(key, known));
            }
        }
    }

    /** The value of {@code key}, or {@code null} when absent or null. */
    Node get(String key) {
        Node node = values.get(key);
        return Values.isNull(node) ? null : node;
    }

    /** The full field name of {@code key}, as shown to users: {@code repeat.seconds}. */
    String name(String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    Problems problems() {
        return problems;
    }

    /** Reports a problem about the mapping as a whole, e.g. a required field it lacks. */
    void problem(String key, String message) {
        problems.add(mapping, name(key), message);
    }

    /** Non-blank text, or {@code null} when absent or unusable (the latter reported). */
    String nonBlankText(String key) {
        Node node = get(key);
        return node == null ? null : Values.nonBlankText(node, name(key), problems);
    }

    boolean bool(String key, boolean absent) {
        Node node = get(key);
        Boolean value = node == null ? null : Values.bool(node, name(key), problems);
        return value == null ? absent : value;
    }

    long wholeNumber(String key, long min, long max, long absent) {
        Node node = get(key);
        Long value = node == null ? null : Values.wholeNumber(node, name(key), min, max, problems);
        return value == null ? absent : value;
    }

    String oneOf(String key, List<String> words, String absent) {
        Node node = get(key);
        String value = node == null ? null : Values.oneOf(node, name(key), words, problems);
        return value == null ? absent : value;
    }

    /** The list under {@code key}; empty when absent or not a list (the latter reported). */
    List<Node> list(String key) {
        Node node = get(key);
        List<Node> value = node == null ? null : Values.list(node, name(key), problems);
        return value == null ? List.of() : value;
    }

    /** The fields of the mapping under {@code key}, or {@code null} when absent or not a mapping. */
    Fields mapping(String key, Set<String> known) {
        Node node = get(key);
        MappingNode value = node == null ? null : Values.mapping(node, name(key), problems);
        return value == null ? null : new Fields(value, name(key), known, problems);
    }

    private static String unknown(String key, Set<String> known) {
        String closest = null;
        int best = TYPO_DISTANCE + 1;
        for (String candidate : known) {
            int distance = EditDistance.between(key, candidate);
            if (distance < best) {
                best = distance;
                closest = candidate;
            }
        }
        return closest == null ? "unknown field" : "unknown field (did you mean '" + closest + "'?)";
    }
}
