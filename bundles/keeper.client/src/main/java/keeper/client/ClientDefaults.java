package keeper.client;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import keeper.api.spi.transport.Endpoint;

/**
 * What the client uses when the command line does not say: hosts for a missing {@code on}, a key for a
 * missing {@code with}, a timeout for a missing {@code --timeout}, the ZooKeeper ensemble of {@code group:NAME}.
 * Each comes from the environment ({@value #HOST_VARIABLE}, {@value #KEY_VARIABLE},
 * {@value GroupResolver#REGISTRY_VARIABLE}) if set, else from the client config file; the command line wins
 * over both.
 *
 * @param hosts     default hosts, in order; empty for localhost
 * @param key       default private key, or {@code null} to send unsigned
 * @param timeout   default timeout, or {@code null} for the built-in one
 * @param zookeeper the ZooKeeper connect string {@code group:NAME} looks in, or {@code null} when none is set
 */
public record ClientDefaults(List<Endpoint> hosts, Path key, Duration timeout, String zookeeper) {

    /** No defaults: localhost, unsigned, the built-in timeout, no ZooKeeper. */
    public static final ClientDefaults NONE = new ClientDefaults(List.of(), null, null, null);

    /** One host or a comma list, as {@code on} takes them. */
    public static final String HOST_VARIABLE = "KEEPER_HOST";
    /** A private key file, as {@code with} takes it. */
    public static final String KEY_VARIABLE = "KEEPER_KEY";
    /** The client config file to read instead of the usual one. */
    public static final String CONFIG_VARIABLE = "KEEPER_CLIENT_CONFIG";

    public ClientDefaults {
        hosts = List.copyOf(hosts);
    }

    /**
     * The defaults of a user with environment {@code env} and home {@code home}: the config file (see
     * {@link #configFile}) if there is one, overridden by {@value #HOST_VARIABLE} and {@value #KEY_VARIABLE}.
     * Fails with a message naming the variable, or the file, line and field, at fault.
     */
    public static ClientDefaults load(Map<String, String> env, Path home) throws UsageException {
        ClientDefaults file = NONE;
        Optional<Path> config = configFile(env, home);
        if (config.isPresent()) {
            file = ClientConfigFile.read(config.get(), home);
        }
        List<Endpoint> hosts = file.hosts();
        String hostVariable = variable(env, HOST_VARIABLE);
        if (hostVariable != null) {
            hosts = fromVariable(HOST_VARIABLE, () -> ClientGrammar.hosts(hostVariable));
        }
        Path key = file.key();
        String keyVariable = variable(env, KEY_VARIABLE);
        if (keyVariable != null) {
            key = fromVariable(KEY_VARIABLE, () -> ClientGrammar.keyFile(keyVariable, home));
        }
        String zookeeper = variable(env, GroupResolver.REGISTRY_VARIABLE);
        return new ClientDefaults(hosts, key, file.timeout(), zookeeper != null ? zookeeper : file.zookeeper());
    }

    /**
     * The client config file: {@value #CONFIG_VARIABLE} when set (it must exist), else
     * {@code $XDG_CONFIG_HOME/keeper/client.yml} (XDG_CONFIG_HOME defaulting to {@code ~/.config}) when it exists.
     */
    public static Optional<Path> configFile(Map<String, String> env, Path home) throws UsageException {
        String named = variable(env, CONFIG_VARIABLE);
        if (named != null) {
            Path file = fromVariable(CONFIG_VARIABLE, () -> path(named));
            if (!Files.isRegularFile(file)) {
                throw new UsageException(CONFIG_VARIABLE + " names " + file + ", which is not a file");
            }
            return Optional.of(file);
        }
        String xdg = variable(env, "XDG_CONFIG_HOME");
        // The XDG spec says to ignore a relative XDG_CONFIG_HOME.
        Path base = xdg != null && xdg.startsWith("/") ? Path.of(xdg) : home.resolve(".config");
        Path file = base.resolve("keeper").resolve("client.yml");
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private static String variable(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Path path(String written) throws UsageException {
        try {
            return Path.of(written);
        } catch (InvalidPathException e) {
            throw new UsageException("'" + written + "' is not a valid path: " + e.getReason());
        }
    }

    private static <T> T fromVariable(String name, Parsing<T> parse) throws UsageException {
        try {
            return parse.parse();
        } catch (UsageException e) {
            throw new UsageException("environment variable " + name + ": " + e.getMessage());
        }
    }
}
