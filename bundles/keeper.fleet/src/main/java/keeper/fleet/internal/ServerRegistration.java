package keeper.fleet.internal;

import java.io.Closeable;
import java.time.Duration;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;

import keeper.client.FleetMember;

/**
 * This server's registration: one ephemeral node per group, kept by Curator's {@link PersistentNode}, which
 * creates it whenever ZooKeeper is reachable and again after a session expired. Starting never waits for
 * ZooKeeper, so a ZooKeeper that is down delays nothing of the server's own.
 */
final class ServerRegistration implements Closeable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final CuratorFramework client;

    private ServerRegistration(CuratorFramework client) {
        this.client = client;
    }

    static ServerRegistration start(FleetSettings settings, FleetMember self) {
        CuratorFramework client = Curators.client(settings.zookeeper(), settings.sessionTimeout(),
                min(CONNECT_TIMEOUT, settings.sessionTimeout()), new ExponentialBackoffRetry(500, 10, 30_000),
                settings.digest());
        ConnectionLog log = new ConnectionLog(settings.zookeeper(), "registration of " + self.endpoint()
                + " in groups " + self.groups());
        client.getConnectionStateListenable().addListener(log);
        ServerRegistration registration = new ServerRegistration(client);
        client.start();
        log.waiting();
        byte[] data = Registration.encode(self);
        for (String group : self.groups()) {
            PersistentNode node = new PersistentNode(client, CreateMode.EPHEMERAL, false,
                    FleetPaths.member(group, self.serverId()), data);
            node.start();
        }
        return registration;
    }

    /**
     * Ends the session, which removes every ephemeral node at once. The nodes are not deleted one by one first:
     * a deletion is retried against a ZooKeeper that is gone, which would hold up the server's stop.
     */
    @Override
    public void close() {
        client.close();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
