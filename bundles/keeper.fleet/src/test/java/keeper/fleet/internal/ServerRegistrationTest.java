package keeper.fleet.internal;

import static org.apache.zookeeper.CreateMode.PERSISTENT;
import static org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.client.FleetMember;
import keeper.fleet.testing.TestZooKeeper;

class ServerRegistrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private TestZooKeeper zookeeper;
    private final ZooKeeperDirectory directory = new ZooKeeperDirectory();

    @BeforeEach
    void startZooKeeper() throws Exception {
        zookeeper = TestZooKeeper.start(dir);
    }

    @AfterEach
    void stopZooKeeper() {
        if (zookeeper != null) {
            zookeeper.close();
        }
    }

    private static FleetMember member(String id, int port, String... groups) {
        return new FleetMember(id, "tcp://127.0.0.1:" + port, List.of(groups), "1.2.3", List.of());
    }

    private FleetSettings settings(String... groups) {
        return new FleetSettings(zookeeper.connect(), List.of(groups), Duration.ofSeconds(2), Optional.empty(), Optional.empty());
    }

    private List<FleetMember> members(String group) throws IOException {
        return directory.members(zookeeper.connect(), group, TIMEOUT);
    }

    @Test
    void aRegisteredServerIsAMemberOfEachOfItsGroupsUntilItCloses() throws Exception {
        FleetMember web1 = member("aaaaaaaa-0001", 40001, "web", "eu-west");
        FleetMember db1 = member("aaaaaaaa-0002", 40002, "db");
        try (ServerRegistration db = ServerRegistration.start(settings("db"), db1)) {
            ServerRegistration web = ServerRegistration.start(settings("web", "eu-west"), web1);
            await().atMost(TIMEOUT).until(() -> members("web").equals(List.of(web1)));
            assertEquals(List.of(web1), members("eu-west"));
            await().atMost(TIMEOUT).until(() -> members("db").equals(List.of(db1)));

            web.close();

            // closing ends the session, which removes its nodes at once: no waiting for an expiry
            assertEquals(List.of(), members("web"));
            assertEquals(List.of(db1), members("db"));
        }
    }

    @Test
    void aServerStartedWhileZooKeeperIsDownRegistersOnceItIsUp() throws Exception {
        String connect = zookeeper.connect();
        zookeeper.close();
        FleetMember web1 = member("aaaaaaaa-0003", 40003, "web");
        FleetSettings settings = new FleetSettings(connect, List.of("web"), Duration.ofSeconds(2), Optional.empty(),
                Optional.empty());
        try (ServerRegistration web = ServerRegistration.start(settings, web1)) {
            zookeeper = TestZooKeeper.restart(dir, connect);
            await().atMost(Duration.ofSeconds(20)).until(() -> members("web").equals(List.of(web1)));
        }
    }

    @Test
    void aStoppedZooKeeperIsAClearErrorNotAnEmptyGroup() throws Exception {
        String connect = zookeeper.connect();
        zookeeper.close();
        zookeeper = null;

        IOException e = assertThrows(IOException.class, () -> directory.members(connect, "web", Duration.ofSeconds(1)));

        assertEquals("cannot reach ZooKeeper at " + connect + " within 1 s (is it running, and is the address right?"
                + " see docs/fleet.md)", e.getMessage());
    }

    @Test
    void malformedRegistrationsAreSkipped() throws Exception {
        assertTrue(Registration.decode("keeper-fleet: 1\nserver: x\n".getBytes()).isEmpty());
        assertTrue(Registration.decode("other: 1\n".getBytes()).isEmpty());
        FleetMember ok = member("aaaaaaaa-0004", 1, "web");
        assertEquals(Optional.of(ok), Registration.decode(Registration.encode(ok)));
        FleetMember escape = new FleetMember("aaaaaaaa-0005", "tcp://x\u001b[2J:1", List.of("web"), "1", List.of());
        assertTrue(Registration.decode(Registration.encode(escape)).isEmpty());
    }

    @Test
    void aLargeGroupIsReadWholeAndInOrder() throws Exception {
        List<FleetMember> registered = new ArrayList<>();
        try (ZooKeeper writer = TestZooKeeper.client(zookeeper.connect())) {
            writer.create("/keeper", new byte[0], OPEN_ACL_UNSAFE,
                    PERSISTENT);
            writer.create("/keeper/groups", new byte[0], OPEN_ACL_UNSAFE,
                    PERSISTENT);
            writer.create("/keeper/groups/big", new byte[0], OPEN_ACL_UNSAFE,
                    PERSISTENT);
            for (int i = 0; i < 500; i++) {
                FleetMember member = member(String.format("bbbbbbbb-%04d", i), 20000 + i, "big");
                registered.add(member);
                writer.create("/keeper/groups/big/" + member.serverId(), Registration.encode(member),
                        OPEN_ACL_UNSAFE, PERSISTENT);
            }
            writer.create("/keeper/groups/big/zzzzzzzz-junk", "not a registration".getBytes(),
                    OPEN_ACL_UNSAFE, PERSISTENT);
        }

        assertEquals(registered, members("big"));
    }

    @Test
    void withADigestOnlyThatUserMayChangeARegistrationAndEveryoneMayReadIt() throws Exception {
        FleetMember web1 = member("aaaaaaaa-0006", 40006, "web");
        FleetSettings settings = new FleetSettings(zookeeper.connect(), List.of("web"), Duration.ofSeconds(2),
                Optional.empty(), Optional.of("keeper:s3cret"));
        try (ServerRegistration web = ServerRegistration.start(settings, web1);
                ZooKeeper stranger = TestZooKeeper.client(zookeeper.connect())) {
            await().atMost(TIMEOUT).until(() -> members("web").equals(List.of(web1)));

            assertThrows(KeeperException.NoAuthException.class,
                    () -> stranger.delete("/keeper/groups/web/" + web1.serverId(), -1));
            assertThrows(KeeperException.NoAuthException.class,
                    () -> stranger.create("/keeper/groups/web/rogue-0000-0000", new byte[0], OPEN_ACL_UNSAFE, PERSISTENT));
            assertEquals(List.of(web1), members("web"));
        }
    }
}
