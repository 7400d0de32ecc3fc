package keeper.config.yaml.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

import keeper.api.ConfigException;
import keeper.api.ConfigSection;
import keeper.api.ServerConfig;
import keeper.api.StartupMode;

/** Reads server.yml; see docs/config.md for the fields. */
final class ServerFileReader {

    private static final Logger LOG = System.getLogger(ServerFileReader.class.getName());
    private static final Set<String> FIELDS = Set.of(
            "loadpaths", "mode", "startup", "encrypt", "pub_keys_path", "listener_addr", "ipv6", "port");
    private static final List<String> MODES = List.of("quiet", "half", "full");
    private static final int MAX_PORT = 65535;

    private ServerFileReader() {
    }

    static ServerConfig read(Path serverFile) throws ConfigException {
        return read(serverFile, null);
    }

    /**
     * @param encryptInForce the launcher's {@code encrypt} for this server start, or {@code null} outside
     *                       the launcher. The default bind address follows the encrypt in force, not the
     *                       file: a server started with encrypt off stays on loopback when server.yml is
     *                       edited to on and the listener restarts, since requests still go unchecked.
     */
    static ServerConfig read(Path serverFile, Boolean encryptInForce) throws ConfigException {
        return read(serverFile, encryptInForce, Set.of()).config();
    }

    /**
     * @param sectionNames top-level keys accepted as feature sections (the features' names): each must
     *                     be a mapping, whose fields the feature checks when it reads its section
     */
    static ServerFile read(Path serverFile, Boolean encryptInForce, Set<String> sectionNames) throws ConfigException {
        Path file = serverFile.toAbsolutePath().normalize();
        Problems problems = new Problems(file);
        Set<String> known = new HashSet<>(FIELDS);
        sectionNames.stream().filter(name -> !FIELDS.contains(name)).forEach(known::add);
        Fields fields = new Fields(YamlFile.load(file), "", known, problems);
        Map<String, ConfigSection> sections = sections(fields, file, sectionNames);
        Path base = file.getParent();
        List<Path> loadPaths = directories(fields, "loadpaths", base);
        StartupMode mode = StartupMode.valueOf(fields.oneOf("mode", MODES, "quiet").toUpperCase(Locale.ROOT));
        List<String> startup = childNames(fields, "startup");
        boolean encrypt = encrypt(fields);
        List<Path> pubKeysPaths = directories(fields, "pub_keys_path", base);
        String listenerAddr = fields.nonBlankText("listener_addr");
        boolean ipv6 = fields.bool("ipv6", false);
        // 0: any free port, announced in the ready line (tests and ad-hoc servers)
        int port = (int) fields.wholeNumber("port", 0, MAX_PORT, ServerConfig.DEFAULT_PORT);
        problems.throwIfAny();
        boolean checked = encryptInForce != null ? encryptInForce : encrypt;
        ServerConfig config = new ServerConfig(file, loadPaths, mode, startup, encrypt, pubKeysPaths,
                listenerAddr, ipv6, port, BindAddress.choose(listenerAddr, ipv6, checked));
        warnAboutExposure(config, checked);
        return new ServerFile(config, sectionNames, sections);
    }

    private static Map<String, ConfigSection> sections(Fields fields, Path file, Set<String> names) {
        Map<String, ConfigSection> sections = new LinkedHashMap<>();
        for (String name : names) {
            Node node = FIELDS.contains(name) ? null : fields.get(name);
            MappingNode mapping = node == null ? null : Values.mapping(node, name, fields.problems());
            if (mapping != null) {
                sections.put(name, new YamlSection(file, name, mapping));
            }
        }
        return sections;
    }

    private static boolean encrypt(Fields fields) {
        Node node = fields.get("encrypt");
        Boolean value = node == null ? null : Values.onOff(node, "encrypt", fields.problems());
        return value != null && value;
    }

    private static List<Path> directories(Fields fields, String key, Path base) {
        List<Path> directories = new ArrayList<>();
        List<Node> entries = fields.list(key);
        for (int i = 0; i < entries.size(); i++) {
            String field = key + "[" + i + "]";
            String text = Values.nonBlankText(entries.get(i), field, fields.problems());
            Path directory = text == null ? null
                    : RelativePaths.resolve(base, text, entries.get(i), field, fields.problems());
            if (directory != null) {
                directories.add(directory);
            }
        }
        return directories;
    }

    private static List<String> childNames(Fields fields, String key) {
        List<String> names = new ArrayList<>();
        List<Node> entries = fields.list(key);
        for (int i = 0; i < entries.size(); i++) {
            String field = key + "[" + i + "]";
            String name = Values.text(entries.get(i), field, fields.problems());
            if (name != null && !ChildNameRule.isValid(name)) {
                fields.problems().add(entries.get(i), field, ChildNameRule.explain(name));
            } else if (name != null) {
                names.add(name);
            }
        }
        return names;
    }

    /** Logged when the file is read (once per change), where an operator reading the log will see it. */
    /** @param checked whether requests are checked: the encrypt in force */
    private static void warnAboutExposure(ServerConfig config, boolean checked) {
        if (!checked && !BindAddress.isLoopback(config.bindAddress())) {
            LOG.log(Level.WARNING, "!!! UNAUTHENTICATED SERVER: " + config.file() + " has encrypt off and"
                    + " listener_addr " + config.bindAddress() + ", so ANYONE who can reach port " + config.port()
                    + " can start, stop and run children. Set encrypt: on or listen on loopback. !!!");
        }
        if (checked && config.pubKeysPaths().isEmpty()) {
            LOG.log(Level.WARNING, config.file() + " has encrypt on but no pub_keys_path: no request can be"
                    + " authenticated");
        }
    }
}
