package keeper.itests.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/** The distribution the build assembled in runtime/target/keeper: what every itest runs. */
public final class Distribution {

    private Distribution() {
    }

    public static Path root() {
        Path root = Path.of(System.getProperty("keeper.dist", "../runtime/target/keeper")).toAbsolutePath().normalize();
        if (!Files.isExecutable(root.resolve("bin/keeper-server"))) {
            throw new IllegalStateException("no assembled distribution at " + root + "; run 'mvn verify' from the top");
        }
        return root;
    }

    public static Path bin(String name) {
        return root().resolve("bin").resolve(name);
    }

    public static Path system() {
        return root().resolve("system");
    }
}
