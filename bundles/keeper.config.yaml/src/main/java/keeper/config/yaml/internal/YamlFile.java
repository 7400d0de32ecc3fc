package keeper.config.yaml.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.reader.UnicodeReader;
import org.yaml.snakeyaml.resolver.Resolver;

import keeper.api.ConfigException;
import keeper.api.ConfigProblem;

/**
 * Reads one configuration file into a YAML node tree, never into objects: no tag can make SnakeYAML
 * instantiate a class, and the limits below keep a hostile or broken file (alias bomb, huge file,
 * deep nesting, recursion) from costing more than a small, bounded amount of memory and time.
 */
final class YamlFile {

    /** Configuration files are a few hundred bytes; anything above this is a mistake or an attack. */
    static final int MAX_BYTES = 1024 * 1024;
    private static final int MAX_ALIASES = 10;
    private static final int MAX_NESTING = 20;
    private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP);

    private YamlFile() {
    }

    /** The file's top-level mapping, every node checked for allowed tags, unique keys and no recursion. */
    static MappingNode load(Path file) throws ConfigException {
        Node root = compose(file, readBounded(file));
        if (!(root instanceof MappingNode)) {
            throw new ConfigException(new ConfigProblem(file, Problems.lineOf(root), null,
                    "must be a mapping of fields (name: value), not " + Describe.kind(root)));
        }
        Problems problems = new Problems(file);
        check(root, Collections.newSetFromMap(new IdentityHashMap<>()), problems);
        problems.throwIfAny();
        return (MappingNode) root;
    }

    private static byte[] readBounded(Path file) throws ConfigException {
        try {
            if (!Files.isRegularFile(file)) {
                throw problem(file, Files.exists(file) ? "is not a regular file" : "does not exist");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw tooLarge(file);
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw tooLarge(file);
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw problem(file, "does not exist");
        } catch (IOException e) {
            throw problem(file, "cannot be read: " + e);
        }
    }

    private static Node compose(Path file, byte[] bytes) throws ConfigException {
        try {
            // Composer and parser alone: the Yaml facade would build a Constructor and a Representer, whose
            // JavaBeans property machinery costs tens of milliseconds at boot and is never used here.
            LoaderOptions options = options();
            Node root = new Composer(new ParserImpl(new StreamReader(new UnicodeReader(new ByteArrayInputStream(bytes))),
                    options), new Resolver(), options).getSingleNode();
            if (root == null) {
                throw problem(file, "empty file");
            }
            return root;
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ConfigException(new ConfigProblem(file, line, null, "not valid YAML: " + oneLine(e)));
        } catch (YAMLException e) {
            throw problem(file, "not valid YAML: " + e.getMessage());
        }
    }

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(MAX_BYTES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setMergeOnCompose(false);
        options.setProcessComments(false);
        return options;
    }

    /** Composing does not check tags or duplicate keys (constructing would); this walk does. */
    private static void check(Node node, Set<Node> path, Problems problems) {
        if (!hasPlainTag(node)) {
            problems.add(node, null, "tag " + node.getTag() + " is not allowed here"
                    + " (only plain values, lists and mappings are)");
            return;
        }
        if (!path.add(node)) {
            problems.add(node, null, "the list or mapping anchored here contains an alias to itself");
            return;
        }
        if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(item -> check(item, path, problems));
        } else if (node instanceof MappingNode mapping) {
            checkMapping(mapping, path, problems);
        }
        path.remove(node);
    }

    private static void checkMapping(MappingNode mapping, Set<Node> path, Problems problems) {
        Set<String> keys = new HashSet<>();
        for (NodeTuple entry : mapping.getValue()) {
            Node key = entry.getKeyNode();
            if (key.getTag() == Tag.MERGE) {
                problems.add(key, null, "merge keys (<<) are not supported; write the fields out");
            } else if (!(key instanceof ScalarNode scalar) || !hasPlainTag(key)) {
                problems.add(key, null, "keys must be plain names");
            } else if (!keys.add(scalar.getValue())) {
                problems.add(key, scalar.getValue(), "appears twice in the same mapping");
            }
            check(entry.getValueNode(), path, problems);
        }
    }

    /** Only the tags plain YAML resolves to, each on its own kind of node: nothing names a class. */
    private static boolean hasPlainTag(Node node) {
        if (node instanceof ScalarNode) {
            return SCALAR_TAGS.contains(node.getTag());
        }
        return node.getTag().equals(node instanceof SequenceNode ? Tag.SEQ : Tag.MAP);
    }

    private static String oneLine(MarkedYAMLException e) {
        StringBuilder text = new StringBuilder();
        if (e.getContext() != null) {
            text.append(e.getContext()).append(", ");
        }
        text.append(e.getProblem());
        return text.toString().replaceAll("\\s+", " ").trim();
    }

    private static ConfigException tooLarge(Path file) {
        return problem(file, "is larger than " + MAX_BYTES + " bytes; a configuration file is never this big");
    }

    private static ConfigException problem(Path file, String message) {
        return new ConfigException(new ConfigProblem(file, 0, null, message));
    }
}
