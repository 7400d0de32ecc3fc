package keeper.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.api.spi.transport.Endpoint;

class ClientConfigFileTest {

    @TempDir
    Path home;

    private ClientDefaults read(String text) throws Exception {
        Path file = home.resolve("client.yml");
        Files.writeString(file, text);
        return ClientConfigFile.read(file, home);
    }

    private String problem(String text) {
        return assertThrows(UsageException.class, () -> read(text)).getMessage()
                .replace(home.resolve("client.yml").toString(), "client.yml");
    }

    private static List<String> texts(ClientDefaults defaults) {
        return defaults.hosts().stream().map(Endpoint::text).toList();
    }

    @Test
    void everyFieldInEveryForm() throws Exception {
        ClientDefaults block = read("""
                # defaults for my shell
                hosts:
                  - web1:34000   # the front
                  - "ssh://ops@db?port=33890"

                key: '~/keys/ops.pem'
                timeout: 30
                """);
        assertEquals(List.of("web1:34000", "ssh://ops@db?port=33890"), texts(block));
        assertEquals(home.resolve("keys/ops.pem"), block.key());
        assertEquals(Duration.ofSeconds(30), block.timeout());

        assertEquals(List.of("a", "b", "[::1]:3"), texts(read("hosts: [a, \"b\", '[::1]:3']\n")));
        assertEquals(List.of("a", "b"), texts(read("hosts: \"a, b\"\n")));
        assertEquals(ClientDefaults.NONE, read("# nothing\n\n"));
    }

    @Test
    void theZooKeeperOfGroupsComesFromTheFileUnlessTheEnvironmentSaysOtherwise() throws Exception {
        Path file = home.resolve("client.yml");
        Files.writeString(file, "hosts: group:web\nzookeeper: \"zk1:2181,zk2:2181/prod\"\n");
        Map<String, String> env = Map.of(ClientDefaults.CONFIG_VARIABLE, file.toString());

        ClientDefaults fromFile = ClientDefaults.load(env, home);
        ClientDefaults fromEnv = ClientDefaults.load(Map.of(ClientDefaults.CONFIG_VARIABLE, file.toString(),
                GroupResolver.REGISTRY_VARIABLE, "zk9:2181"), home);

        assertEquals(List.of("group:web"), texts(fromFile));
        assertEquals("zk1:2181,zk2:2181/prod", fromFile.zookeeper());
        assertEquals("zk9:2181", fromEnv.zookeeper());
        assertEquals("client.yml:1: field 'zookeeper': must be a ZooKeeper connect string such as zk1:2181,zk2:2181,"
                + " got 'zk1 2181'", problem("zookeeper: zk1 2181\n"));
    }

    @Test
    void problemsNameTheFileLineAndField() {
        assertEquals("client.yml:2: field 'timeout': must be a whole number of seconds from 1 to 999999, got '0'",
                problem("hosts: a\ntimeout: 0\n"));
        assertEquals("client.yml:1: field 'hostz': unknown field; the fields are hosts, key, timeout, zookeeper", problem("hostz: a\n"));
        assertEquals("client.yml:3: field 'hosts': bad host 'x:0': port must be 1-65535", problem("hosts:\n  - a\n  - x:0\n"));
        assertEquals("client.yml:1: field 'key': key file 'ops' must be a .pem file, e.g. with ~/.keeper/ops.pem",
                problem("key: ops\n"));
        assertEquals("client.yml:2: field 'key': given twice", problem("key: a.pem\nkey: b.pem\n"));
        assertEquals("client.yml:1: unexpected indented line", problem("  - a\n"));
        assertEquals("client.yml:2: tabs are not allowed for indentation", problem("hosts:\n\t- a\n"));
        assertEquals("client.yml:1: field 'key': unterminated quote", problem("key: \"a.pem\n"));
        assertTrue(problem("just words\n").startsWith("client.yml:1: expected 'field: value'"));
    }

    @Test
    void theEnvironmentWinsOverTheFileFieldByField() throws Exception {
        Path file = Files.createDirectories(home.resolve(".config/keeper")).resolve("client.yml");
        Files.writeString(file, "hosts: [a]\nkey: /k/file.pem\ntimeout: 5\n");

        ClientDefaults fileOnly = ClientDefaults.load(Map.of(), home);
        assertEquals(List.of("a"), texts(fileOnly));
        ClientDefaults both = ClientDefaults.load(Map.of("KEEPER_HOST", "b, c", "KEEPER_KEY", "/k/env.pem"), home);
        assertEquals(List.of("b", "c"), texts(both));
        assertEquals(Path.of("/k/env.pem"), both.key());
        assertEquals(Duration.ofSeconds(5), both.timeout());
        assertEquals(ClientDefaults.NONE, ClientDefaults.load(Map.of("XDG_CONFIG_HOME", home.resolve("none").toString()), home));
        assertEquals("KEEPER_CLIENT_CONFIG names /no/such.yml, which is not a file", assertThrows(UsageException.class,
                () -> ClientDefaults.load(Map.of("KEEPER_CLIENT_CONFIG", "/no/such.yml"), home)).getMessage());
    }
}
