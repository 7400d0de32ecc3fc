package keeper.config.yaml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;

import keeper.api.FeatureManager;
import keeper.api.KeeperProperties;

class YamlConfigSourceTest extends ConfigDirFixture {

    @Test
    void readsTheServerFileNamedByTheFrameworkProperty() throws Exception {
        Path serverFile = dir.write("server.yml", "loadpaths: [children]", "port: 5000");
        dir.write("children/web.yml", "command: web");
        YamlConfigSource source = new YamlConfigSource(context(Map.of(KeeperProperties.CONFIG, serverFile.toString())), NO_FEATURES);
        assertEquals(5000, source.server().port());
        assertEquals(List.of("web"), source.childNames());
        assertEquals("web", source.child("web").orElseThrow().command());
        assertEquals(1, source.allChildren().size());
    }

    @Test
    void listensOnLoopbackWhileTheLaunchersEncryptIsOffWhateverTheFileSaysNow() throws Exception {
        Path serverFile = dir.write("server.yml", "encrypt: on", "pub_keys_path: [keys]");
        YamlConfigSource source = new YamlConfigSource(context(Map.of(KeeperProperties.CONFIG, serverFile.toString(),
                KeeperProperties.ENCRYPT, "false")), NO_FEATURES);
        assertEquals("127.0.0.1", source.server().bindAddress());
    }

    @Test
    void acceptsASectionNamedAfterAFeatureOfTheCatalog() throws Exception {
        Path serverFile = dir.write("server.yml", "port: 5000", "http:", "  port: 8081");
        YamlConfigSource source = new YamlConfigSource(context(Map.of(KeeperProperties.CONFIG, serverFile.toString())),
                catalogOf("core", "http"));
        assertEquals(5000, source.server().port());
        assertEquals(8081, source.section("http").orElseThrow().wholeNumber("port", 0, 65535).getAsLong());
        assertTrue(source.section("core").isEmpty());
    }

    @Test
    void refusesToActivateWithoutTheProperty() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new YamlConfigSource(context(Map.of()), NO_FEATURES));
        assertTrue(e.getMessage().contains(KeeperProperties.CONFIG), e.getMessage());
    }

    private static final FeatureManager NO_FEATURES = catalogOf();

    /** A FeatureManager whose catalog has {@code names}, none installed: all the component asks of it. */
    private static FeatureManager catalogOf(String... names) {
        return (FeatureManager) Proxy.newProxyInstance(FeatureManager.class.getClassLoader(),
                new Class<?>[] {FeatureManager.class}, (proxy, method, args) -> {
                    if (method.getName().equals("features")) {
                        return Arrays.stream(names)
                                .map(name -> new FeatureManager.Feature(name, "", List.of(), List.of(), false)).toList();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A BundleContext that only answers getProperty: all the component asks of it. */
    private static BundleContext context(Map<String, String> properties) {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty")) {
                        return properties.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
