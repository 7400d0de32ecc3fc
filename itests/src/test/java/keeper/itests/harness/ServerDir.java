package keeper.itests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A server configuration written for one test: {@code server.yml} plus a {@code children/} load path,
 * on a free loopback port. Child commands get a unique marker ({@link #sleeper}) so a test finds
 * exactly its own processes in /proc and never touches anyone else's.
 */
public final class ServerDir {

    private final Path root;
    private final int port;
    private final String marker = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 100_000));

    private ServerDir(Path root, int port) {
        this.root = root;
        this.port = port;
    }

    /** {@code server.yml} in {@code root} with quiet mode, encrypt off, a free port and {@code extraYaml}. */
    public static ServerDir create(Path root, String extraYaml) {
        ServerDir dir = new ServerDir(root, Ports.free());
        dir.writeServer(extraYaml);
        return dir;
    }

    public static ServerDir create(Path root) {
        return create(root, "");
    }

    /** Rewrites {@code server.yml}; the running server sees it at its next command. */
    public void writeServer(String extraYaml) {
        write(serverYml(), "loadpaths:\n  - children\nport: " + port + "\n" + extraYaml);
    }

    public Path serverYml() {
        return root.resolve("server.yml");
    }

    public Path stateDir() {
        return root.resolve("state");
    }

    /** The id the server keeps in its state directory (written when it first started), which signatures name. */
    public String serverId() {
        try {
            return Files.readString(stateDir().resolve("server-id")).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public Path children() {
        return root.resolve("children");
    }

    public int port() {
        return port;
    }

    /** Writes {@code children/<name>.yml}. */
    public Path child(String name, String yaml) {
        Path file = children().resolve(name + ".yml");
        write(file, yaml);
        return file;
    }

    /** A child file running {@link #sleeper}{@code (name)}, plus {@code extraYaml}. */
    public Path sleeperChild(String name, String extraYaml) {
        return child(name, "command: \"" + sleeper(name) + "\"\n" + extraYaml);
    }

    /** A long sleep whose argv is unique to this test and child, e.g. {@code sleep 1000.4711.3}. */
    public String sleeper(String name) {
        return "sleep 1000." + marker + Math.abs(name.hashCode() % 1000);
    }

    public ServerProcess start(String... args) {
        return ServerProcess.start(serverYml(), stateDir(), args);
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
