package keeper.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import keeper.api.ChildSpec;
import keeper.api.ConfigException;
import keeper.api.ConfigSection;
import keeper.api.ConfigSource;
import keeper.api.ServerConfig;

class HttpSettingsTest {

    @Test
    void withoutASectionHttpListensOnLoopbackAtTheDocumentedPort() throws Exception {
        assertEquals(new HttpSettings("127.0.0.1", 33890, false), HttpSettings.read(source(null), false));
    }

    @Test
    void theSectionSetsAddressAndPort() throws Exception {
        FakeSection http = new FakeSection().with("listener_addr", "localhost").with("port", 0L);
        assertEquals(new HttpSettings("localhost", 0, false), HttpSettings.read(source(http), false));
        assertEquals(List.of("listener_addr", "port"), http.allowed);
    }

    @Test
    void beyondLoopbackOrWithEncryptOnRequestsMustAuthenticate() throws Exception {
        assertTrue(HttpSettings.read(source(new FakeSection().with("listener_addr", "0.0.0.0")), false).authRequired());
        assertTrue(HttpSettings.read(source(new FakeSection().with("listener_addr", "no-such-host.invalid")), false)
                .authRequired());
        assertTrue(HttpSettings.read(source(null), true).authRequired());
        assertTrue(HttpSettings.read(source(new FakeSection().with("listener_addr", "::1")), true).authRequired());
        assertFalse(HttpSettings.read(source(new FakeSection().with("listener_addr", "::1")), false).authRequired());
    }

    private static ConfigSource source(ConfigSection http) {
        return new ConfigSource() {
            @Override
            public Optional<ConfigSection> section(String name) {
                return name.equals("http") ? Optional.ofNullable(http) : Optional.empty();
            }

            @Override
            public ServerConfig server() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<ChildSpec> child(String name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<String> childNames() {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<ChildSpec> allChildren() {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** A section with the given values; records what the reader allowed. */
    private static final class FakeSection implements ConfigSection {
        private final java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
        private List<String> allowed;

        FakeSection with(String field, Object value) {
            values.put(field, value);
            return this;
        }

        @Override
        public Path file() {
            return Path.of("/etc/keeper/server.yml");
        }

        @Override
        public String name() {
            return "http";
        }

        @Override
        public java.util.Set<String> fields() {
            return values.keySet();
        }

        @Override
        public void allowOnly(java.util.Set<String> known) {
            allowed = known.stream().sorted().toList();
        }

        @Override
        public Optional<String> text(String field) {
            return Optional.ofNullable((String) values.get(field));
        }

        @Override
        public java.util.OptionalLong wholeNumber(String field, long min, long max) {
            Long value = (Long) values.get(field);
            return value == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(value);
        }

        @Override
        public Optional<Boolean> onOff(String field) {
            return Optional.ofNullable((Boolean) values.get(field));
        }

        @Override
        public List<String> texts(String field) {
            return List.of();
        }

        @Override
        public Optional<ConfigSection> section(String field) {
            return Optional.empty();
        }

        @Override
        public ConfigException problem(String field, String message) {
            return new ConfigException(new keeper.api.ConfigProblem(file(), 1, "http." + field, message));
        }
    }
}
