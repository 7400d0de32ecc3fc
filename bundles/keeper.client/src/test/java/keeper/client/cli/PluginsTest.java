package keeper.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.api.spi.transport.Connector;

class PluginsTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private Plugins plugins(Path directory) throws IOException {
        return new Plugins(Plugins.classLoader(Optional.of(directory), List.of(), PluginsTest.class.getClassLoader()), warnings::add);
    }

    @Test
    void aJarDroppedInThePluginDirectoryAddsItsScheme() throws IOException {
        assertTrue(plugins(dir).connector("plugin").isEmpty());

        PluginJar.write(dir.resolve("keeper.transport.plugin.jar"), Connector.class, PluginConnector.class.getName(), PluginConnector.class);

        assertEquals("plugin", plugins(dir).connector("plugin").orElseThrow().scheme());
    }

    @Test
    void classPathConnectorsAreFoundWithoutAPluginDirectory() throws IOException {
        Plugins plugins = new Plugins(Plugins.classLoader(Optional.empty(), List.of(), PluginsTest.class.getClassLoader()), warnings::add);

        assertEquals("tcp", plugins.connector("tcp").orElseThrow().scheme());
        assertTrue(plugins.connector("plugin").isEmpty());
    }

    @Test
    void onlyJarsAreLoaded() throws IOException {
        PluginJar.write(dir.resolve("keeper.transport.plugin.jar.disabled"), Connector.class, PluginConnector.class.getName(), PluginConnector.class);

        assertTrue(plugins(dir).connector("plugin").isEmpty());
    }

    @Test
    void aBrokenPluginIsReportedAndTheOthersStillWork() throws IOException {
        PluginJar.write(dir.resolve("a-broken.jar"), Connector.class, "keeper.transport.gone.GoneConnector", PluginConnector.class);
        PluginJar.write(dir.resolve("b-good.jar"), Connector.class, PluginConnector.class.getName(), PluginConnector.class);

        Plugins plugins = plugins(dir);

        assertEquals("plugin", plugins.connector("plugin").orElseThrow().scheme());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("keeper.transport.gone.GoneConnector"), warnings.get(0));
    }

    @Test
    void aMissingPluginDirectoryMeansNoPlugins() throws IOException {
        assertTrue(plugins(dir.resolve("absent")).connector("plugin").isEmpty());
    }

    @Test
    void theEnvironmentVariableOverridesTheSystemProperty() {
        assertEquals(Optional.of(Path.of("/env/plugins")),
                Plugins.directory(Map.of(Plugins.DIR_VARIABLE, "/env/plugins"), "/dist/plugins"));
        assertEquals(Optional.of(Path.of("/dist/plugins")), Plugins.directory(Map.of(), "/dist/plugins"));
        assertEquals(Optional.of(Path.of("/dist/plugins")), Plugins.directory(Map.of(Plugins.DIR_VARIABLE, ""), "/dist/plugins"));
        assertEquals(Optional.empty(), Plugins.directory(Map.of(), null));
    }

    @Test
    void plainFilesInTheDirectoryAreNotJars() throws IOException {
        Files.writeString(dir.resolve("README.txt"), "not a plugin");

        assertTrue(plugins(dir).connector("plugin").isEmpty());
        assertTrue(warnings.isEmpty());
    }
}
