package keeper.command.internal;

import java.util.List;
import java.util.Optional;

import keeper.api.ChildSpec;
import keeper.api.ConfigException;
import keeper.api.ConfigSource;
import keeper.api.ServerConfig;

/** A ConfigSource with no child files: server.yml is whatever the test's reader gives at each call. */
final class ServerOnlyConfig implements ConfigSource {

    /** Reads server.yml; may fail as a real one can. */
    interface ServerYml {
        ServerConfig read() throws ConfigException;
    }

    private final ServerYml serverYml;

    ServerOnlyConfig(ServerYml serverYml) {
        this.serverYml = serverYml;
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
    public List<String> childNames() {
        return List.of();
    }

    @Override
    public List<ChildSpec> allChildren() {
        return List.of();
    }
}
