package keeper.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class GroupResolverTest {

    private final List<String> asked = new ArrayList<>();
    private final Map<String, List<FleetMember>> groups = Map.of(
            "web", List.of(member("id-web1-0001", "tcp://10.0.0.1:33889", "web"), member("id-both-0003", "tcp://10.0.0.3:33889", "web")),
            "db", List.of(member("id-both-0003", "tcp://10.0.0.3:33889", "db")),
            "empty", List.of());
    private final GroupDirectory directory = (registry, group, timeout) -> {
        asked.add(registry + " " + group);
        return groups.get(group);
    };

    private static FleetMember member(String id, String endpoint, String group) {
        return new FleetMember(id, endpoint, List.of(group), "1.0", List.of());
    }

    private static ClientRequest parse(String... words) throws UsageException {
        return new ClientGrammar(Path.of("/home/ops")).parse(List.of(words));
    }

    private GroupResolver resolver(Optional<String> registry) {
        return new GroupResolver(() -> Optional.of(directory), registry, Duration.ofSeconds(1));
    }

    @Test
    void groupsBecomeTheirMembersInOrderAndAServerNamedTwiceIsAskedOnce() throws Exception {
        ClientRequest request = resolver(Optional.of("zk1:2181")).resolve(parse("check", "on", "group:web", "on",
                "10.0.0.9", "on", "zk://zk2:2181,zk3:2181/prod/db"));

        assertEquals(List.of("tcp://10.0.0.1:33889", "tcp://10.0.0.3:33889", "10.0.0.9"),
                request.hosts().stream().map(host -> host.text()).toList());
        assertEquals(List.of("zk1:2181 web", "zk2:2181,zk3:2181/prod db"), asked);
    }

    @Test
    void aRequestWithoutGroupsNeverTouchesTheDirectory() throws Exception {
        GroupResolver resolver = new GroupResolver(() -> {
            throw new AssertionError("looked up");
        }, Optional.empty(), Duration.ofSeconds(1));
        ClientRequest request = parse("check", "on", "10.0.0.1");

        assertEquals(request, resolver.resolve(request));
    }

    @Test
    void mistakesAreSaidPlainly() throws Exception {
        UsageException noRegistry = assertThrows(UsageException.class,
                () -> resolver(Optional.empty()).resolve(parse("check", "on", "group:web")));
        IOException empty = assertThrows(IOException.class,
                () -> resolver(Optional.of("zk1:2181")).resolve(parse("check", "on", "group:empty")));
        IOException noJars = assertThrows(IOException.class, () -> new GroupResolver(Optional::empty,
                Optional.of("zk1:2181"), Duration.ofSeconds(1)).resolve(parse("check", "on", "group:web")));

        assertEquals("'group:web' needs the ZooKeeper ensemble: set KEEPER_ZOOKEEPER=zk1:2181,zk2:2181 or write"
                + " on zk://zk1:2181/web", noRegistry.getMessage());
        assertEquals("group 'empty' has no live members in ZooKeeper at zk1:2181", empty.getMessage());
        assertEquals("fleet groups need the keeper.fleet and keeper.zookeeper jars (see docs/fleet.md)", noJars.getMessage());
        assertEquals("bad group 'group:we/b': 'we/b' is not a group name (letters, digits, '_', '.', '-'; at most 64)",
                assertThrows(UsageException.class, () -> parse("check", "on", "group:we/b")).getMessage());
        assertEquals("bad group 'zk://web': write zk://HOST:PORT[,HOST:PORT...]/GROUP, e.g. zk://zk1:2181/web",
                assertThrows(UsageException.class, () -> parse("check", "on", "zk://web")).getMessage());
    }
}
