package keeper.config.yaml.internal;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the tests that read real files: each test gets a fresh temporary {@link #root} and a {@link ConfigDir} on it. */
abstract class ConfigDirFixture {

    @TempDir
    Path root;
    ConfigDir dir;

    @BeforeEach
    void createConfigDir() {
        dir = new ConfigDir(root);
    }
}
