package keeper.config.yaml.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Real configuration files in a test's temporary directory. */
final class ConfigDir {

    private final Path root;

    ConfigDir(Path root) {
        this.root = root;
    }

    Path path(String relative) {
        return root.resolve(relative);
    }

    /** Writes {@code lines} (joined with newlines) to {@code relative}, creating directories. */
    Path write(String relative, String... lines) {
        Path file = path(relative);
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
