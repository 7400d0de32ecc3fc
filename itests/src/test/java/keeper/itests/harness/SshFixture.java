package keeper.itests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real OpenSSH server on a loopback port and a real ssh-agent holding the only copy of the user's
 * key (its file is deleted once added), with a client config that names both, so that ssh through
 * Keeper works exactly as it would for a person who followed the seed's advice. We run as root, so
 * the ssh user is root. Closing stops sshd and every agent by pid and deletes every file.
 *
 * <p>Client side: {@link #env()} gives {@code SSH_AUTH_SOCK} and {@code KEEPER_SSH_CONFIG} (ssh reads
 * ~/.ssh/config from the passwd home, not $HOME, so the config is named explicitly). The config has
 * the alias {@value #ALIAS} (HostName 127.0.0.1, Port, User root) and, for every host, strict host key
 * checking against a known_hosts holding only this server's key.
 */
public final class SshFixture implements AutoCloseable {

    public static final String ALIAS = "keeper-test";
    public static final String USER = "root";

    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Path dir;
    private final List<Process> daemons = new ArrayList<>();
    private int port;
    private int agentCount;
    private Path config;
    private Agent agent;

    private SshFixture(Path dir) {
        this.dir = dir;
    }

    /** Starts sshd and the agent; if anything fails on the way, what was started is stopped again. */
    public static SshFixture start() throws IOException {
        SshFixture fixture = new SshFixture(Files.createTempDirectory("keeper-ssh"));
        try {
            fixture.startServer();
            fixture.agent = fixture.startAgent("user_key", true);
            fixture.config = fixture.writeClientConfig("config", fixture.knownHosts("known_hosts", true));
            return fixture;
        } catch (IOException | RuntimeException | Error e) {
            fixture.close();
            throw e;
        }
    }

    /** The port sshd listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The client config file (for {@code ssh -F} / {@code KEEPER_SSH_CONFIG}). */
    public Path clientConfig() {
        return config;
    }

    /** The socket of the agent holding the authorized key. */
    public Path agentSocket() {
        return agent.socket();
    }

    /** What a client process needs to get in: the agent and the client config. */
    public Map<String, String> env() {
        return Map.of("SSH_AUTH_SOCK", agentSocket().toString(), "KEEPER_SSH_CONFIG", config.toString());
    }

    /** A second, running agent that holds no key at all. */
    public Agent emptyAgent() throws IOException {
        return startAgent(null, false);
    }

    /** A second, running agent whose only key is not in authorized_keys. */
    public Agent agentWithUnauthorizedKey() throws IOException {
        return startAgent("stranger_key", false);
    }

    /** A client config like {@link #clientConfig()} whose known_hosts is empty: the server's key is unknown. */
    public Path configWithoutHostKey() throws IOException {
        return writeClientConfig("config_no_host_key", knownHosts("empty_known_hosts", false));
    }

    /** sshd's log, for failure messages. */
    public String serverLog() {
        try {
            return Files.readString(dir.resolve("sshd.log"));
        } catch (IOException e) {
            return "(no sshd log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        for (Process daemon : daemons) {
            stop(daemon);
        }
        daemons.clear();
        deleteTree(dir);
    }

    private void startServer() throws IOException {
        Path hostKey = keygen("host_key");
        port = Ports.free();
        Path sshdConfig = Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "ListenAddress 127.0.0.1",
                "Port " + port,
                "HostKey " + hostKey,
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PidFile " + dir.resolve("sshd.pid"),
                "StrictModes no",
                "UsePAM no",
                "PermitRootLogin prohibit-password",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "AllowTcpForwarding yes",
                ""));
        Files.createDirectories(Path.of("/run/sshd"));
        Process sshd = daemon(List.of(SSHD.toString(), "-D", "-f", sshdConfig.toString(), "-E", dir.resolve("sshd.log").toString()));
        awaitListening(sshd);
    }

    private void awaitListening(Process sshd) {
        try {
            Awaitility.await("sshd to accept on 127.0.0.1:" + port).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(20))
                    .until(() -> !sshd.isAlive() || accepts(port));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("sshd did not listen within " + START_TIMEOUT.toSeconds() + " s:\n" + serverLog());
        }
        if (!sshd.isAlive()) {
            throw new AssertionError("sshd exited with " + sshd.exitValue() + ":\n" + serverLog());
        }
    }

    /**
     * An agent in the foreground ({@code -D}): its pid is our child's, so it is stopped and reaped by pid
     * rather than left to daemonize. With {@code keyName}, a new key is added and its file deleted.
     */
    private Agent startAgent(String keyName, boolean authorize) throws IOException {
        Path socket = dir.resolve("agent" + agentCount++ + ".sock");
        Process process = daemon(List.of("ssh-agent", "-D", "-a", socket.toString()));
        try {
            Awaitility.await("ssh-agent socket " + socket).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(10))
                    .until(() -> Files.exists(socket) || !process.isAlive());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("ssh-agent made no socket within " + START_TIMEOUT.toSeconds() + " s");
        }
        if (!process.isAlive()) {
            throw new AssertionError("ssh-agent exited with " + process.exitValue());
        }
        if (keyName != null) {
            Path key = keygen(keyName);
            if (authorize) {
                Files.writeString(dir.resolve("authorized_keys"), Files.readString(dir.resolve(keyName + ".pub")),
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            run(List.of("ssh-add", key.toString()), Map.of("SSH_AUTH_SOCK", socket.toString()));
            Files.delete(key);
        }
        return new Agent(process.pid(), socket);
    }

    private Path knownHosts(String name, boolean withServerKey) throws IOException {
        String line = "";
        if (withServerKey) {
            String[] publicKey = Files.readString(dir.resolve("host_key.pub")).strip().split(" ");
            line = "[127.0.0.1]:" + port + " " + publicKey[0] + " " + publicKey[1] + "\n";
        }
        return Files.writeString(dir.resolve(name), line);
    }

    private Path writeClientConfig(String name, Path knownHosts) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n",
                "Host " + ALIAS,
                "  HostName 127.0.0.1",
                "  Port " + port,
                "  User " + USER,
                "Host *",
                "  UserKnownHostsFile " + knownHosts,
                "  GlobalKnownHostsFile /dev/null",
                "  StrictHostKeyChecking yes",
                "  IdentitiesOnly no",
                "  IdentityFile " + dir.resolve("user_key"),
                ""));
    }

    private Path keygen(String name) {
        Path key = dir.resolve(name);
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString()), Map.of());
        return key;
    }

    private Process daemon(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("daemons.err").toFile()))
                .start();
        daemons.add(process);
        return process;
    }

    private static void run(List<String> command, Map<String, String> env) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(env);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(command + " exited with " + process.exitValue() + ": " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM by pid, SIGKILL if it lingers; waiting reaps it. */
    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    /** A running ssh-agent: its pid and socket. Stopped with the fixture. */
    public record Agent(long pid, Path socket) {
    }
}
