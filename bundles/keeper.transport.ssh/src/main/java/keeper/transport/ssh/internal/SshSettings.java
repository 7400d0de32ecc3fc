package keeper.transport.ssh.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How the local ssh client is run: which binary, which config file, which agent. Read on every
 * connection, so a changed variable or property applies to the next command without a restart.
 * A system property wins over its environment variable because a JVM (the runtime, a test) can set
 * properties but not its own environment.
 *
 * @param binary    the ssh client to run
 * @param config    the file for {@code ssh -F}, or {@code null} for ssh's own choice (~/.ssh/config)
 * @param authSock  the agent socket the ssh client gets, or {@code null} for none
 */
record SshSettings(String binary, Path config, String authSock) {

    static final String BINARY_PROPERTY = "keeper.ssh";
    static final String BINARY_VARIABLE = "KEEPER_SSH";
    static final String CONFIG_PROPERTY = "keeper.ssh.config";
    static final String CONFIG_VARIABLE = "KEEPER_SSH_CONFIG";
    static final String AGENT_PROPERTY = "keeper.ssh.auth.sock";
    static final String AGENT_VARIABLE = "SSH_AUTH_SOCK";
    static final String DEFAULT_BINARY = "ssh";

    /** The settings of this JVM: its system properties and environment. */
    static SshSettings current() throws IOException {
        return read(System::getProperty, System::getenv);
    }

    static SshSettings read(UnaryOperator<String> properties, UnaryOperator<String> environment) throws IOException {
        String binary = first(properties.apply(BINARY_PROPERTY), environment.apply(BINARY_VARIABLE));
        String config = first(properties.apply(CONFIG_PROPERTY), environment.apply(CONFIG_VARIABLE));
        String authSock = first(properties.apply(AGENT_PROPERTY), environment.apply(AGENT_VARIABLE));
        return new SshSettings(binary == null ? DEFAULT_BINARY : binary, configFile(config), authSock);
    }

    boolean defaultBinary() {
        return DEFAULT_BINARY.equals(binary);
    }

    /** Gives a child process exactly this agent, or none: an inherited SSH_AUTH_SOCK must not override the setting. */
    void applyAgent(Map<String, String> environment) {
        if (authSock == null) {
            environment.remove(AGENT_VARIABLE);
        } else {
            environment.put(AGENT_VARIABLE, authSock);
        }
    }

    private static Path configFile(String value) throws IOException {
        if (value == null) {
            return null;
        }
        Path file = Path.of(value).toAbsolutePath();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IOException("ssh config file '" + value + "' (" + CONFIG_VARIABLE + " or -D" + CONFIG_PROPERTY
                    + ") is not a readable file");
        }
        return file;
    }

    /** The first value that is set and not blank: an empty variable means unset, as it does to ssh. */
    private static String first(String preferred, String fallback) {
        if (preferred != null && !preferred.isBlank()) {
            return preferred;
        }
        return fallback == null || fallback.isBlank() ? null : fallback;
    }
}
