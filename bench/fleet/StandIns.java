import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import keeper.api.spi.command.Caller;
import keeper.api.spi.command.Reply;
import keeper.protocol.RequestServer;

/**
 * Light stand-ins for the fleet bench: HEALTHY real request servers (keeper.protocol's RequestServer, the
 * same code every Keeper transport runs, each with its own id and hello) on loopback ports chosen by the
 * system, answering every request like a server with one child; and HOLES listeners that accept at the TCP
 * level (the kernel's backlog) but never read or answer. Writes "host:port" lines, shuffled, to OUT, then
 * runs until killed.
 *
 *   java -cp keeper.api.jar:keeper.protocol.jar StandIns.java HEALTHY HOLES OUT
 */
public class StandIns {

    private static final RequestServer.Limits LIMITS = new RequestServer.Limits(Duration.ofSeconds(5),
            Duration.ofSeconds(5), 1, 4, 16, 16, Duration.ofSeconds(1));

    public static void main(String[] args) throws IOException, InterruptedException {
        int healthy = Integer.parseInt(args[0]);
        int holes = Integer.parseInt(args[1]);
        List<String> hosts = new ArrayList<>();
        List<Object> keep = new ArrayList<>();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int i = 0; i < healthy; i++) {
            ServerSocketChannel channel = ServerSocketChannel.open().bind(new InetSocketAddress(loopback, 0));
            int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            String reply = "web      running  pid " + (10000 + i) + "  up 3h12m";
            keep.add(RequestServer.start("bench", "127.0.0.1:" + port, UUID.randomUUID().toString(), channel,
                    client -> new Caller("tcp", "bench", false), (envelope, caller) -> Reply.ok(reply), LIMITS));
            hosts.add("127.0.0.1:" + port);
        }
        for (int i = 0; i < holes; i++) {
            ServerSocketChannel hole = ServerSocketChannel.open().bind(new InetSocketAddress(loopback, 0), 16);
            keep.add(hole);
            hosts.add("127.0.0.1:" + ((InetSocketAddress) hole.getLocalAddress()).getPort());
        }
        Collections.shuffle(hosts);
        Path out = Path.of(args[2]);
        Files.write(out.resolveSibling(out.getFileName() + ".tmp"), hosts);
        Files.move(out.resolveSibling(out.getFileName() + ".tmp"), out);
        Thread.currentThread().join();
    }
}
