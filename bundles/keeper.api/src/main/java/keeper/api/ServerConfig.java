package keeper.api;

import java.nio.file.Path;
import java.util.List;

/**
 * The server configuration as read from server.yml at one moment.
 *
 * @param file          the server.yml this was read from
 * @param loadPaths     directories holding child files, in the order written
 * @param mode          which children start with the server
 * @param startup       children started in {@link StartupMode#HALF} mode
 * @param encrypt       whether every request must be signed ({@code encrypt: on})
 * @param pubKeysPaths  directories holding the public keys of {@code encrypt: on}
 * @param listenerAddr  {@code listener_addr} as written, or {@code null} when absent
 * @param ipv6          {@code ipv6} as written
 * @param port          TCP port of the server listener (default {@link #DEFAULT_PORT})
 * @param bindAddress   the address the listener binds, after the rules of the config reference
 *                      (loopback when {@code encrypt: off} and no {@code listener_addr})
 */
public record ServerConfig(
        Path file,
        List<Path> loadPaths,
        StartupMode mode,
        List<String> startup,
        boolean encrypt,
        List<Path> pubKeysPaths,
        String listenerAddr,
        boolean ipv6,
        int port,
        String bindAddress) {

    /** supervisor-rs's port, kept so operators can switch without touching firewalls. */
    public static final int DEFAULT_PORT = 33889;

    public ServerConfig {
        loadPaths = List.copyOf(loadPaths);
        startup = List.copyOf(startup);
        pubKeysPaths = List.copyOf(pubKeysPaths);
    }
}
