import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

import keeper.api.spi.command.Caller;
import keeper.api.spi.command.Reply;
import keeper.protocol.RequestServer;

/**
 * Light stand-ins for the fleet bench: HEALTHY real request servers (keeper.protocol's RequestServer, the
 * same code every Keeper transport runs, each with its own id and hello) on loopback ports chosen by the
 * system, answering every request like a server with one child; and HOLES listeners that accept at the TCP
 * level (the kernel's backlog) but never read or answer. Writes "host:port" lines, shuffled, to OUT, then
 * runs until killed. With ZOOKEEPER, the healthy ones are also registered as fleet group "bench" there,
 * the way keeper.fleet registers a server (docs/fleet.md), in one ZooKeeper session.
 *
 *   java -cp keeper.api.jar:keeper.protocol.jar:keeper.zookeeper.jar StandIns.java HEALTHY HOLES OUT [ZOOKEEPER]
 */
public class StandIns {

    private static final RequestServer.Limits LIMITS = new RequestServer.Limits(Duration.ofSeconds(5),
            Duration.ofSeconds(5), 1, 4, 16, 16, Duration.ofSeconds(1));

    public static void main(String[] args) throws Exception {
        int healthy = Integer.parseInt(args[0]);
        int holes = Integer.parseInt(args[1]);
        List<String> hosts = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Object> keep = new ArrayList<>();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int i = 0; i < healthy; i++) {
            ServerSocketChannel channel = ServerSocketChannel.open().bind(new InetSocketAddress(loopback, 0));
            int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            String reply = "web      running  pid " + (10000 + i) + "  up 3h12m";
            String serverId = UUID.randomUUID().toString();
            keep.add(RequestServer.start("bench", "127.0.0.1:" + port, serverId, channel,
                    client -> new Caller("tcp", "bench", false), (envelope, caller) -> Reply.ok(reply), LIMITS));
            hosts.add("127.0.0.1:" + port);
            ids.add(serverId);
        }
        for (int i = 0; i < holes; i++) {
            ServerSocketChannel hole = ServerSocketChannel.open().bind(new InetSocketAddress(loopback, 0), 16);
            keep.add(hole);
            hosts.add("127.0.0.1:" + ((InetSocketAddress) hole.getLocalAddress()).getPort());
        }
        if (args.length > 3) {
            keep.add(Registrations.register(args[3], ids, hosts.subList(0, healthy)));
        }
        Collections.shuffle(hosts);
        Path out = Path.of(args[2]);
        Files.write(out.resolveSibling(out.getFileName() + ".tmp"), hosts);
        Files.move(out.resolveSibling(out.getFileName() + ".tmp"), out);
        Thread.currentThread().join();
    }

    /** Ephemeral fleet registrations in one session, kept until the stand-ins are killed. */
    static final class Registrations {
        static Object register(String connect, List<String> ids, List<String> hosts) throws Exception {
            CountDownLatch connected = new CountDownLatch(1);
            ZooKeeper zk = new ZooKeeper(connect, 30_000, event -> {
                if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                }
            });
            connected.await();
            for (String path : List.of("/keeper", "/keeper/groups", "/keeper/groups/bench")) {
                try {
                    zk.create(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE,
                            CreateMode.PERSISTENT);
                } catch (KeeperException.NodeExistsException e) {
                    // left by an earlier run
                }
            }
            for (int i = 0; i < ids.size(); i++) {
                String data = "keeper-fleet: 1\nserver: " + ids.get(i) + "\nendpoint: tcp://" + hosts.get(i)
                        + "\nversion: bench\ngroup: bench\n";
                zk.create("/keeper/groups/bench/" + ids.get(i), data.getBytes(StandardCharsets.UTF_8),
                        ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
            }
            return zk;
        }
    }
}
