package keeper.itests;

import static keeper.itests.ProcessControlTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.itests.harness.Cli;
import keeper.fleet.testing.TestZooKeeper;
import keeper.itests.harness.CliResult;
import keeper.itests.harness.OpenSsl;
import keeper.itests.harness.RawClient;
import keeper.itests.harness.RecordingImpostor;
import keeper.itests.harness.ServerDir;
import keeper.itests.harness.ServerProcess;

/**
 * Issue 19: real keeper-server processes register in a real ZooKeeper (the fleet feature, installed because
 * server.yml has a fleet: section), and the real keeper client asks a group by name.
 */
class FleetTest {

    private static final Duration SESSION_GONE = Duration.ofSeconds(30);

    @TempDir
    Path temp;
    private TestZooKeeper zookeeper;
    private final List<ServerProcess> servers = new ArrayList<>();

    @AfterEach
    void stopAll() {
        servers.forEach(ServerProcess::close);
        if (zookeeper != null) {
            zookeeper.close();
        }
    }

    private ServerProcess server(String name, String groups) {
        return server(name, groups, "");
    }

    private ServerProcess server(String name, String groups, String extraYaml) {
        ServerDir dir = ServerDir.create(temp.resolve(name), extraYaml + "fleet:\n  zookeeper: \"" + zookeeper.connect()
                + "\"\n  groups: [" + groups + "]\n  session_timeout: 2\n");
        ServerProcess server = dir.start();
        servers.add(server);
        return server;
    }

    private CliResult keeper(String... words) {
        return Cli.keeper(Map.of("KEEPER_ZOOKEEPER", zookeeper.connect()), words);
    }

    /** The endpoints {@code keeper hosts} lists for {@code group}, sorted. */
    private List<String> members(String group) {
        CliResult hosts = ok(keeper("hosts", group));
        return hosts.stdout().lines().map(line -> line.split("  ")[0]).sorted().toList();
    }

    private static List<String> endpoints(List<ServerProcess> servers) {
        return servers.stream().map(ServerProcess::address).sorted().toList();
    }

    @Test
    void checkOnAGroupAsksItsLiveMembersAndAKilledServerLeavesItAfterItsSession() throws Exception {
        zookeeper = TestZooKeeper.start(temp);
        List<ServerProcess> web = List.of(server("web1", "web"), server("web2", "web, eu-west"), server("web3", "web"));
        List<ServerProcess> db = List.of(server("db1", "db"), server("db2", "db, eu-west"));

        Awaitility.await("every server registered").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> members("group:web").size() == 3 && members("group:db").size() == 2);
        assertEquals(endpoints(web), members("group:web"));
        assertEquals(endpoints(db), members("group:db"));
        assertEquals(endpoints(List.of(web.get(1), db.get(1))), members("group:eu-west"));

        CliResult check = ok(keeper("check", "on", "group:web"));
        for (ServerProcess server : web) {
            assertTrue(check.stdout().contains("== " + server.address() + " =="), check.toString());
        }
        for (ServerProcess server : db) {
            assertFalse(check.stdout().contains(server.address()), check.toString());
        }
        assertTrue(check.stdout().endsWith("3 hosts: 3 answered, 0 refused, 0 unreachable\n"), check.toString());
        List<String> json = ok(keeper("check", "--json", "on", "group:web")).stdout().lines().toList();
        assertEquals(4, json.size(), json.toString());
        assertEquals("{\"summary\":{\"hosts\":3,\"answered\":3,\"refused\":0,\"unreachable\":0}}", json.get(3));
        // the ensemble written out needs no KEEPER_ZOOKEEPER
        CliResult written = ok(Cli.keeper("check", "on", "zk://" + zookeeper.connect() + "/db"));
        assertTrue(written.stdout().endsWith("2 hosts: 2 answered, 0 refused, 0 unreachable\n"), written.toString());
        // a server in two of the groups named is asked once
        CliResult both = ok(keeper("check", "on", "group:db", "on", "group:eu-west"));
        assertTrue(both.stdout().endsWith("3 hosts: 3 answered, 0 refused, 0 unreachable\n"), both.toString());

        web.get(0).kill9();
        Awaitility.await("the killed server's session expired").atMost(SESSION_GONE).pollInterval(Duration.ofMillis(200))
                .until(() -> members("group:web").equals(endpoints(web.subList(1, 3))));
        CliResult afterKill = ok(keeper("check", "on", "group:web"));
        assertTrue(afterKill.stdout().endsWith("2 hosts: 2 answered, 0 refused, 0 unreachable\n"), afterKill.toString());
    }

    @Test
    void aStoppedZooKeeperIsAClearClientErrorAndTheServersRunOn() throws Exception {
        zookeeper = TestZooKeeper.start(temp);
        ServerProcess web1 = server("web1", "web");
        Awaitility.await("registered").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> members("group:web").size() == 1);
        String ensemble = zookeeper.connect();

        zookeeper.close();
        zookeeper = null;

        CliResult check = Cli.keeper(Map.of("KEEPER_ZOOKEEPER", ensemble), "check", "on", "group:web", "--timeout", "2");
        assertEquals(1, check.exitCode(), check.toString());
        assertEquals("keeper: cannot reach ZooKeeper at " + ensemble + " within 2 s (is it running, and is the address"
                + " right? see docs/fleet.md)\n", check.stderr());
        assertTrue(web1.alive());
        ok(web1.keeper("check"));
    }

    @Test
    void aRogueRegistrationHarvestsNoRequestAnotherServerTakes() throws Exception {
        zookeeper = TestZooKeeper.start(temp);
        Path keys = Files.createDirectories(temp.resolve("web1/keys"));
        Path key = OpenSsl.ed25519(Files.createDirectories(temp.resolve("private")), "ops");
        OpenSsl.publicKey(key, keys);
        ServerProcess web1 = server("web1", "web", "encrypt: on\nlistener_addr: 127.0.0.1\npub_keys_path: [keys]\n");
        Awaitility.await("registered").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> members("group:web").size() == 1);

        try (RecordingImpostor impostor = RecordingImpostor.start("rogue-0000-0000");
                ZooKeeper writer = TestZooKeeper.client(zookeeper.connect())) {
            // anyone who may write the registry (no ACL here) adds a member that points at a listener of theirs
            writer.create("/keeper/groups/web/rogue-0000-0000", ("keeper-fleet: 1\nserver: rogue-0000-0000\n"
                    + "endpoint: tcp://127.0.0.1:" + impostor.port() + "\nversion: 9\ngroup: web\n").getBytes(StandardCharsets.UTF_8),
                    ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);

            CliResult signed = keeper("check", "on", "group:web", "with", key.toString());
            assertEquals(1, signed.exitCode(), signed.toString());
            assertTrue(signed.stdout().contains("== " + web1.address() + " ==\n"), signed.toString());
            assertTrue(signed.stdout().endsWith("2 hosts: 1 answered, 1 refused, 0 unreachable\n"), signed.toString());

            // the harvested request is signed for the impostor's id only: the real server refuses it as it came
            String harvested = new String(impostor.request(), StandardCharsets.UTF_8);
            assertTrue(harvested.contains("\nserver: rogue-0000-0000\n"), harvested);
            assertEquals("KEEPER/2 ERR\nauthentication failed", RawClient.exchange(port(web1), harvested));
        }
        assertTrue(web1.output().contains("request is signed for server rogue-0000-0000, not for this one"), web1.output());
    }

    private static int port(ServerProcess server) {
        return Integer.parseInt(server.address().substring(server.address().lastIndexOf(':') + 1));
    }

    @Test
    void aBadFleetSectionIsLoggedWithItsFieldAndTheServerRunsUnregistered() throws Exception {
        zookeeper = TestZooKeeper.start(temp);
        ServerDir dir = ServerDir.create(temp.resolve("bad"), "fleet:\n  zookeeper: \"" + zookeeper.connect() + "\"\n"
                + "  groups: [web, \"we/b\"]\n");
        ServerProcess bad = dir.start();
        servers.add(bad);

        bad.awaitOutput("field 'fleet.groups': 'we/b' is not a group name", Duration.ofSeconds(30));
        assertTrue(bad.output().contains("fleet: this server is not registered: invalid server config"), bad.output());
        ok(bad.keeper("check"));
    }
}
