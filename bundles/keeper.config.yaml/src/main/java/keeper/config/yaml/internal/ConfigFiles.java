package keeper.config.yaml.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import keeper.api.ChildSpec;
import keeper.api.ConfigException;
import keeper.api.ConfigProblem;
import keeper.api.ConfigSection;
import keeper.api.ConfigSource;
import keeper.api.ServerConfig;

/**
 * The configuration rooted at one server.yml, looked at on every call (a stat per file and load path) and
 * read and parsed again only where a file or a load path's listing changed. Plain Java so it is tested without a framework; {@link YamlConfigSource}
 * offers it as a service.
 */
final class ConfigFiles implements ConfigSource {

    private final Path serverFile;
    private final Boolean encryptInForce;
    private final LoadPathScanner scanner;
    private final Set<String> sectionNames;
    private final ParsedFiles<ServerFile> servers;
    private final ParsedFiles<ChildFileReader.ChildFile> children;

    ConfigFiles(Path serverFile) {
        this(serverFile, null, Set.of());
    }

    /**
     * @param encryptInForce the launcher's encrypt for this server start, or {@code null} outside the launcher
     * @param sectionNames   top-level keys of server.yml that are feature sections
     */
    ConfigFiles(Path serverFile, Boolean encryptInForce, Set<String> sectionNames) {
        this(serverFile, encryptInForce, sectionNames, Clock.systemUTC());
    }

    /** @param clock the wall clock file times are compared with (see {@link FileStamp#settledBefore}) */
    ConfigFiles(Path serverFile, Boolean encryptInForce, Set<String> sectionNames, Clock clock) {
        this.serverFile = serverFile.toAbsolutePath().normalize();
        this.encryptInForce = encryptInForce;
        this.sectionNames = Set.copyOf(sectionNames);
        this.scanner = new LoadPathScanner(this.serverFile, clock);
        this.servers = new ParsedFiles<>(clock, ParsedFiles.CAPACITY);
        this.children = new ParsedFiles<>(clock, ParsedFiles.CAPACITY);
    }

    @Override
    public ServerConfig server() throws ConfigException {
        return serverFile().config();
    }

    @Override
    public Optional<ConfigSection> section(String name) throws ConfigException {
        return Optional.ofNullable(serverFile().sections().get(name));
    }

    private ServerFile serverFile() throws ConfigException {
        return servers.get(serverFile, file -> ServerFileReader.read(file, encryptInForce, sectionNames));
    }

    @Override
    public Optional<ChildSpec> child(String name) throws ConfigException {
        if (!ChildNameRule.isValid(name)) {
            return Optional.empty();
        }
        Optional<Path> file = scanner.find(server().loadPaths(), name);
        return file.isEmpty() ? Optional.empty() : Optional.of(parse(name, file.get()));
    }

    @Override
    public List<String> childNames() throws ConfigException {
        return List.copyOf(scan().byName().keySet());
    }

    @Override
    public List<ConfigProblem> childProblems() throws ConfigException {
        return parseAll().problems();
    }

    @Override
    public List<ChildSpec> allChildren() throws ConfigException {
        Parsed parsed = parseAll();
        if (!parsed.problems().isEmpty()) {
            throw new ConfigException(parsed.problems());
        }
        return parsed.specs();
    }

    /** Every child file parsed: the specs of the good ones, and every problem of the listing and of the files. */
    private record Parsed(List<ChildSpec> specs, List<ConfigProblem> problems) {
    }

    private Parsed parseAll() throws ConfigException {
        ChildFiles files = scan();
        List<ConfigProblem> problems = new ArrayList<>(files.problems());
        List<ChildSpec> specs = new ArrayList<>();
        for (Map.Entry<String, Path> child : files.byName().entrySet()) {
            try {
                specs.add(parse(child.getKey(), child.getValue()));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        return new Parsed(List.copyOf(specs), List.copyOf(problems));
    }

    private ChildFiles scan() throws ConfigException {
        ChildFiles files = scanner.scan(server().loadPaths());
        Set<Path> inUse = new HashSet<>(files.byName().values());
        children.retainOnly(inUse);
        return files;
    }

    /**
     * The child of {@code file}; a {@code depends_on} name without a child file is a problem of this file, checked
     * at every call (the file of the dependency may come or go while this one stays unchanged).
     */
    private ChildSpec parse(String name, Path file) throws ConfigException {
        ChildFileReader.ChildFile child = children.get(file, path -> ChildFileReader.readFile(name, path));
        List<ConfigProblem> problems = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, Integer> dependency : child.dependencies().entrySet()) {
            if (scanner.find(server().loadPaths(), dependency.getKey()).isEmpty()) {
                problems.add(new ConfigProblem(child.spec().file(), dependency.getValue(), "depends_on[" + index + "]",
                        "no child '" + dependency.getKey() + "' in the load paths"));
            }
            index++;
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return child.spec();
    }
}
