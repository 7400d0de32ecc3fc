package keeper.client;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import keeper.api.spi.transport.Endpoint;
import keeper.protocol.Printable;

/**
 * Replaces the fleet groups of a request ({@code on group:web}) by their live members, as the
 * {@link GroupDirectory} tells, keeping the order of {@code on}; a server named twice (two groups, or a
 * group and its address) is asked once. A member's endpoint is what it registered: it is not trusted,
 * only parsed like any {@code on HOST}, and the request is still signed for the id its own hello tells.
 */
public final class GroupResolver {

    /** The environment variable naming the ZooKeeper ensemble of {@code group:NAME}. */
    public static final String REGISTRY_VARIABLE = "KEEPER_ZOOKEEPER";

    private final Supplier<Optional<GroupDirectory>> directory;
    private final Optional<String> registry;
    private final Duration timeout;

    /**
     * @param directory the registry's reader, looked up only when a group is named
     * @param registry  where {@code group:NAME} looks (a ZooKeeper connect string), when configured
     * @param timeout   how long reaching the registry may take
     */
    public GroupResolver(Supplier<Optional<GroupDirectory>> directory, Optional<String> registry, Duration timeout) {
        this.directory = directory;
        this.registry = registry.filter(text -> !text.isBlank());
        this.timeout = timeout;
    }

    public static boolean namesGroups(ClientRequest request) {
        for (Endpoint host : request.hosts()) {
            if (GroupReference.isGroup(host)) {
                return true;
            }
        }
        return false;
    }

    /** {@code request} with every group replaced by its members; {@code request} itself when it names none. */
    public ClientRequest resolve(ClientRequest request) throws IOException, UsageException {
        if (!namesGroups(request)) {
            return request;
        }
        Map<String, Endpoint> hosts = new LinkedHashMap<>();
        for (Endpoint host : request.hosts()) {
            if (!GroupReference.isGroup(host)) {
                hosts.putIfAbsent(host.text(), host);
                continue;
            }
            for (FleetMember member : members(host)) {
                hosts.putIfAbsent(member.serverId(), endpoint(host, member));
            }
        }
        return new ClientRequest(request.line(), new ArrayList<>(hosts.values()), request.key());
    }

    /** The live members of one group endpoint; fails when it has none, so a typo never looks like success. */
    public List<FleetMember> members(Endpoint group) throws IOException, UsageException {
        String where = GroupReference.registry(group, registry).orElseThrow(() -> new UsageException("'" + group.text()
                + "' needs the ZooKeeper ensemble: set " + REGISTRY_VARIABLE + "=zk1:2181,zk2:2181 or write on zk://zk1:2181/"
                + group.host()));
        GroupDirectory reader = directory.get().orElseThrow(() -> new IOException(
                "fleet groups need the keeper.fleet and keeper.zookeeper jars (see docs/fleet.md)"));
        List<FleetMember> members = reader.members(where, group.host(), timeout);
        if (members.isEmpty()) {
            throw new IOException("group '" + group.host() + "' has no live members in ZooKeeper at " + where);
        }
        return members;
    }

    private static Endpoint endpoint(Endpoint group, FleetMember member) throws IOException {
        try {
            return EndpointParser.parse(member.endpoint());
        } catch (UsageException e) {
            throw new IOException("server " + member.serverId() + " of group '" + group.host()
                    + "' registered an endpoint that is not a host: " + Printable.line(member.endpoint(), 80));
        }
    }
}
