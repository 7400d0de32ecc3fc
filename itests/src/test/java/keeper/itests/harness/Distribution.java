package keeper.itests.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** The distribution the build assembled in runtime/target/keeper: what every itest runs. */
public final class Distribution {

    /** The port of the distribution's etc/server.yml, which no test may bind. */
    public static final int DEFAULT_PORT = 33889;

    private Distribution() {
    }

    public static Path root() {
        Path root = Path.of(System.getProperty("keeper.dist", "../runtime/target/keeper")).toAbsolutePath().normalize();
        if (!Files.isExecutable(root.resolve("bin/keeper-server"))) {
            throw new IllegalStateException("no assembled distribution at " + root + "; run 'mvn verify' from the top");
        }
        return root;
    }

    /** The distribution as released: the tarball the build made next to {@link #root()}, named by etc/version. */
    public static Path tarball() throws IOException {
        Path root = root();
        Path tarball = root.getParent().resolve("keeper-" + Files.readString(root.resolve("etc/version")).strip() + ".tar.gz");
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalStateException("no distribution tarball at " + tarball + "; run 'mvn verify' from the top");
        }
        return tarball;
    }

    public static Path bin(String name) {
        return root().resolve("bin").resolve(name);
    }

    public static Path system() {
        return root().resolve("system");
    }

    /**
     * A private copy of the distribution in {@code target} whose embedded default server.yml listens on a free
     * port (port 0) instead of the fixed default, so that a test of "no config argument" never clashes with a
     * real server. bin/ and etc/ are copied (the launcher finds its home from its own script); the jars are linked.
     */
    public static Path copyOnFreePort(Path target) throws IOException {
        Path root = root();
        for (String directory : List.of("bin", "etc")) {
            copyTree(root.resolve(directory), target.resolve(directory));
        }
        for (String linked : List.of("lib", "system", "plugins")) {
            if (Files.exists(root.resolve(linked))) {
                Files.createSymbolicLink(target.resolve(linked), root.resolve(linked));
            }
        }
        Files.createDirectories(target.resolve("deploy"));
        Path serverYml = target.resolve("etc/server.yml");
        String text = Files.readString(serverYml);
        if (!text.contains("\nport: " + DEFAULT_PORT)) {
            throw new IllegalStateException(root.resolve("etc/server.yml") + " no longer sets port: " + DEFAULT_PORT);
        }
        Files.writeString(serverYml, text.replace("\nport: " + DEFAULT_PORT, "\nport: 0"));
        return target;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
