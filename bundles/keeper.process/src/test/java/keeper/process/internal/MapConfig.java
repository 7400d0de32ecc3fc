package keeper.process.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import keeper.api.ChildSpec;
import keeper.api.ConfigException;
import keeper.api.ConfigProblem;
import keeper.api.ConfigSource;
import keeper.api.ServerConfig;
import keeper.api.StartupMode;

/** A ConfigSource over maps that tests edit between calls, as a person edits files. */
final class MapConfig implements ConfigSource {

    private final Path loadPath;
    private final Map<String, ChildSpec> children = new ConcurrentHashMap<>();
    private final Map<String, String> broken = new ConcurrentHashMap<>();
    private final Map<String, RuntimeException> failing = new ConcurrentHashMap<>();
    private volatile StartupMode mode = StartupMode.QUIET;
    private volatile List<String> startup = List.of();
    private volatile String serverProblem;
    private final AtomicInteger reads = new AtomicInteger();

    MapConfig(Path loadPath) {
        this.loadPath = loadPath;
    }

    Path loadPath() {
        return loadPath;
    }

    MapConfig put(SpecBuilder child) {
        ChildSpec spec = child.build();
        broken.remove(spec.name());
        children.put(spec.name(), spec);
        return this;
    }

    /** Makes {@code name}'s file unreadable with {@code problem}. */
    MapConfig breakChild(String name, String problem) {
        children.remove(name);
        broken.put(name, problem);
        return this;
    }

    /** Makes reading {@code name}'s file fail as a faulty reader would, with {@code failure}. */
    MapConfig failReading(String name, RuntimeException failure) {
        failing.put(name, failure);
        return this;
    }

    MapConfig mode(StartupMode newMode, String... names) {
        mode = newMode;
        startup = List.of(names);
        return this;
    }

    MapConfig breakServer(String problem) {
        serverProblem = problem;
        return this;
    }

    @Override
    public ServerConfig server() throws ConfigException {
        Path file = loadPath.resolveSibling("server.yml");
        if (serverProblem != null) {
            throw new ConfigException(new ConfigProblem(file, 1, "mode", serverProblem));
        }
        return new ServerConfig(file, List.of(loadPath), mode, startup, false, List.of(), null, false,
                ServerConfig.DEFAULT_PORT, "127.0.0.1");
    }

    /** How many times a child's config was asked for. */
    int reads() {
        return reads.get();
    }

    @Override
    public Optional<ChildSpec> child(String name) throws ConfigException {
        reads.incrementAndGet();
        RuntimeException failure = failing.get(name);
        if (failure != null) {
            throw failure;
        }
        String problem = broken.get(name);
        if (problem != null) {
            throw new ConfigException(problemOf(name, problem));
        }
        return Optional.ofNullable(children.get(name));
    }

    @Override
    public List<String> childNames() {
        TreeSet<String> names = new TreeSet<>(children.keySet());
        names.addAll(broken.keySet());
        return List.copyOf(names);
    }

    @Override
    public List<ChildSpec> allChildren() throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        new TreeSet<>(broken.keySet()).forEach(name -> problems.add(problemOf(name, broken.get(name))));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new TreeSet<>(children.keySet()).stream().map(children::get).toList();
    }

    private ConfigProblem problemOf(String name, String problem) {
        return new ConfigProblem(loadPath.resolve(name + ".yml"), 2, "command", problem);
    }
}
