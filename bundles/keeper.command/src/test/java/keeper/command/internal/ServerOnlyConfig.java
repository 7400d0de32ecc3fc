package keeper.command.internal;

import java.util.List;
import java.util.Optional;

import keeper.api.ChildSpec;
import keeper.api.ConfigException;
import keeper.api.ConfigProblem;
import keeper.api.ConfigSource;
import keeper.api.ServerConfig;

/**
 * A ConfigSource with no good child files: server.yml is whatever the test's reader gives at each call,
 * and the child files have the problems the test gives.
 */
final class ServerOnlyConfig implements ConfigSource {

    /** Reads server.yml; may fail as a real one can. */
    interface ServerYml {
        ServerConfig read() throws ConfigException;
    }

    private final ServerYml serverYml;
    private final List<ConfigProblem> childProblems;

    ServerOnlyConfig(ServerYml serverYml) {
        this(serverYml, List.of());
    }

    ServerOnlyConfig(ServerYml serverYml, List<ConfigProblem> childProblems) {
        this.serverYml = serverYml;
        this.childProblems = List.copyOf(childProblems);
    }

    @Override
    public ServerConfig server() throws ConfigException {
        return serverYml.read();
    }

    @Override
    public Optional<ChildSpec> child(String name) {
        return Optional.empty();
    }

    @Override
    public List<String> childNames() throws ConfigException {
        serverYml.read();
        return List.of();
    }

    @Override
    public List<ConfigProblem> childProblems() throws ConfigException {
        serverYml.read();
        return childProblems;
    }

    @Override
    public List<ChildSpec> allChildren() {
        return List.of();
    }
}
