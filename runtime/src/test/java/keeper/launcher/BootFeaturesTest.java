package keeper.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootFeaturesTest {

    @TempDir
    Path temp;

    private LaunchOptions options(Path deploy, boolean deployAsked) {
        return new LaunchOptions(temp.resolve("server.yml"), temp.resolve("state"), temp, deploy, deployAsked, false,
                LaunchOptions.Action.RUN);
    }

    @Test
    void aPlainStartAddsNothing() throws Exception {
        Path deploy = Files.createDirectories(temp.resolve("deploy"));
        Files.writeString(deploy.resolve("README.txt"), "drop bundles here");
        assertEquals(List.of("core"), BootFeatures.of(List.of("core"), false, options(deploy, false)));
        assertEquals(List.of("core"), BootFeatures.of(List.of("core"), false, options(temp.resolve("absent"), false)));
    }

    @Test
    void encryptOnAddsAuth() throws Exception {
        assertEquals(List.of("core", "auth"), BootFeatures.of(List.of("core"), true, options(temp.resolve("deploy"), false)));
    }

    @Test
    void aJarInDeployOrANamedDeployDirectoryAddsDeploy() throws Exception {
        Path deploy = Files.createDirectories(temp.resolve("deploy"));
        assertEquals(List.of("core", "deploy"), BootFeatures.of(List.of("core"), false, options(deploy, true)));
        Files.write(deploy.resolve("plugin.jar"), new byte[0]);
        assertEquals(List.of("core", "deploy"), BootFeatures.of(List.of("core"), false, options(deploy, false)));
    }

    @Test
    void aFeatureAskedForAlreadyIsNotAddedTwice() throws Exception {
        assertEquals(List.of("core", "deploy", "auth"),
                BootFeatures.of(List.of("core", "deploy", "auth"), true, options(temp.resolve("deploy"), true)));
    }
}
