package keeper.auth.pem.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import keeper.api.ChildSpec;
import keeper.api.ConfigSource;
import keeper.api.ServerConfig;
import keeper.api.StartupMode;

/** A ConfigSource whose only content is the pub_keys_path directories a test sets. */
final class FixedConfig implements ConfigSource {

    private volatile List<Path> pubKeysPaths;

    FixedConfig(Path... pubKeysPaths) {
        this.pubKeysPaths = List.of(pubKeysPaths);
    }

    @Override
    public ServerConfig server() {
        return new ServerConfig(Path.of("server.yml"), List.of(), StartupMode.QUIET, List.of(), true, pubKeysPaths,
                null, false, ServerConfig.DEFAULT_PORT, "127.0.0.1");
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
