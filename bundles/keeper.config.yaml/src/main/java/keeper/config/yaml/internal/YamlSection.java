package keeper.config.yaml.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import keeper.api.ConfigException;
import keeper.api.ConfigProblem;
import keeper.api.ConfigSection;

/**
 * A feature's mapping in server.yml over the composed YAML nodes, read with the same {@link Values}
 * rules as Keeper's own fields. The nodes are never changed after composing, so a section is safe to
 * hand out and to read from any thread.
 */
final class YamlSection implements ConfigSection {

    private final Path file;
    private final String name;
    private final MappingNode mapping;
    private final Map<String, Node> values = new LinkedHashMap<>();

    YamlSection(Path file, String name, MappingNode mapping) {
        this.file = file;
        this.name = name;
        this.mapping = mapping;
        for (NodeTuple entry : mapping.getValue()) {
            if (!Values.isNull(entry.getValueNode())) {
                values.put(((ScalarNode) entry.getKeyNode()).getValue(), entry.getValueNode());
            }
        }
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> fields() {
        return Collections.unmodifiableSet(values.keySet());
    }

    @Override
    public void allowOnly(Set<String> known) throws ConfigException {
        Problems problems = new Problems(file);
        new Fields(mapping, name, known, problems);
        problems.throwIfAny();
    }

    @Override
    public Optional<String> text(String field) throws ConfigException {
        return Optional.ofNullable(read(field, (node, problems) -> Values.nonBlankText(node, name(field), problems)));
    }

    @Override
    public OptionalLong wholeNumber(String field, long min, long max) throws ConfigException {
        Long value = read(field, (node, problems) -> Values.wholeNumber(node, name(field), min, max, problems));
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    @Override
    public Optional<Boolean> onOff(String field) throws ConfigException {
        return Optional.ofNullable(read(field, (node, problems) -> Values.onOff(node, name(field), problems)));
    }

    @Override
    public List<String> texts(String field) throws ConfigException {
        List<String> texts = read(field, (node, problems) -> {
            List<Node> items = Values.list(node, name(field), problems);
            List<String> result = new ArrayList<>();
            for (int i = 0; items != null && i < items.size(); i++) {
                String text = Values.nonBlankText(items.get(i), name(field) + "[" + i + "]", problems);
                if (text != null) {
                    result.add(text);
                }
            }
            return List.copyOf(result);
        });
        return texts == null ? List.of() : texts;
    }

    @Override
    public Optional<ConfigSection> section(String field) throws ConfigException {
        MappingNode nested = read(field, (node, problems) -> Values.mapping(node, name(field), problems));
        return nested == null ? Optional.empty() : Optional.of(new YamlSection(file, name(field), nested));
    }

    @Override
    public ConfigException problem(String field, String message) {
        Node node = field == null ? null : values.get(field);
        int line = Problems.lineOf(node != null ? node : mapping);
        return new ConfigException(new ConfigProblem(file, line, field == null ? name : name(field), message));
    }

    private String name(String field) {
        return name + "." + field;
    }

    private interface Reader<T> {
        T read(Node node, Problems problems);
    }

    /** {@code null} when the field is absent; throws with the problems {@code reader} found. */
    private <T> T read(String field, Reader<T> reader) throws ConfigException {
        Node node = values.get(field);
        if (node == null) {
            return null;
        }
        Problems problems = new Problems(file);
        T value = reader.read(node, problems);
        problems.throwIfAny();
        return value;
    }
}
