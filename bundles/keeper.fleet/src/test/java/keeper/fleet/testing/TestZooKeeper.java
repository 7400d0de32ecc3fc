package keeper.fleet.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * A real standalone ZooKeeper server in the test's JVM, from the Maven artifact, on a loopback port the system
 * chose. Its tick is short (100 ms), so sessions may be as short as 0.2 s and at most 2 s: an expiry test waits
 * seconds, not minutes. Shared with the integration tests through this module's test jar.
 */
public final class TestZooKeeper implements AutoCloseable {

    private final ZooKeeperServer server;
    private final ServerCnxnFactory connections;

    private TestZooKeeper(ZooKeeperServer server, ServerCnxnFactory connections) {
        this.server = server;
        this.connections = connections;
    }

    public static TestZooKeeper start(Path dir) throws IOException, InterruptedException {
        return start(dir, 0);
    }

    /** Starts again on the port of {@code connect}, which this test had bound before, with the same data. */
    public static TestZooKeeper restart(Path dir, String connect) throws IOException, InterruptedException {
        return start(dir, Integer.parseInt(connect.substring(connect.lastIndexOf(':') + 1)));
    }

    private static TestZooKeeper start(Path dir, int port) throws IOException, InterruptedException {
        Path data = Files.createDirectories(dir.resolve("zookeeper"));
        ZooKeeperServer server = new ZooKeeperServer(data.toFile(), data.toFile(), 100);
        ServerCnxnFactory connections = ServerCnxnFactory.createFactory(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
        connections.startup(server);
        return new TestZooKeeper(server, connections);
    }

    /** A plain ZooKeeper client of {@code connect}, once connected: for a test that writes nodes itself. */
    public static ZooKeeper client(String connect) throws IOException, InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper client = new ZooKeeper(connect, 10_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        if (!connected.await(10, TimeUnit.SECONDS)) {
            client.close();
            throw new IOException("cannot connect to ZooKeeper at " + connect);
        }
        return client;
    }

    /** The connect string clients use. */
    public String connect() {
        return "127.0.0.1:" + connections.getLocalPort();
    }

    @Override
    public void close() {
        connections.shutdown();
        server.shutdown();
    }
}
