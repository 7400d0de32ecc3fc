package keeper.client;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where {@code on group:NAME} finds its hosts: a registry of live servers (ZooKeeper, in the
 * keeper.fleet bundle). The {@code keeper} CLI loads it with {@link java.util.ServiceLoader} only when a
 * group is named, so a call without one never opens the registry's jars; inside the runtime it is a service.
 */
@ConsumerType
public interface GroupDirectory {

    /**
     * The servers registered in {@code group} right now, in a stable order.
     *
     * @param registry where the registry is, e.g. a ZooKeeper connect string {@code zk1:2181,zk2:2181}
     * @param timeout  how long reaching the registry may take
     * @throws IOException with a message a person can act on, e.g. when the registry cannot be reached
     */
    List<FleetMember> members(String registry, String group, Duration timeout) throws IOException;
}
