package keeper.itests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.server.ServerCnxnFactory;

/**
 * A real standalone ZooKeeper server in the test's JVM, from the Maven artifact, on a loopback port the
 * system chose. Its tick is 100 ms, so sessions last at most 2 s: a killed Keeper server leaves its group
 * within seconds.
 */
public final class ZooKeeperServer implements AutoCloseable {

    private final org.apache.zookeeper.server.ZooKeeperServer server;
    private final ServerCnxnFactory connections;

    private ZooKeeperServer(org.apache.zookeeper.server.ZooKeeperServer server, ServerCnxnFactory connections) {
        this.server = server;
        this.connections = connections;
    }

    public static ZooKeeperServer start(Path dir) {
        try {
            Path data = Files.createDirectories(dir.resolve("zookeeper"));
            var server = new org.apache.zookeeper.server.ZooKeeperServer(data.toFile(), data.toFile(), 100);
            ServerCnxnFactory connections = ServerCnxnFactory.createFactory(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
            connections.startup(server);
            return new ZooKeeperServer(server, connections);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

    /** The connect string: {@code 127.0.0.1:PORT}. */
    public String connect() {
        return "127.0.0.1:" + connections.getLocalPort();
    }

    @Override
    public void close() {
        connections.shutdown();
        server.shutdown();
    }
}
