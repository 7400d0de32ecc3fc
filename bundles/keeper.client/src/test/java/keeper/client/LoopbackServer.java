package keeper.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.UUID;

import keeper.api.CommandDispatcher;
import keeper.api.spi.command.Caller;
import keeper.protocol.RequestServer;

/** A real Keeper request server on a loopback port, answering with whatever the test's dispatcher says. */
public final class LoopbackServer implements AutoCloseable {

    private static final RequestServer.Limits LIMITS = new RequestServer.Limits(Duration.ofSeconds(5), Duration.ofSeconds(5),
            64, 64, 256, 256, Duration.ofSeconds(1));

    private final int port;
    private final String serverId;
    private final RequestServer server;

    private LoopbackServer(int port, String serverId, RequestServer server) {
        this.port = port;
        this.serverId = serverId;
        this.server = server;
    }

    public static LoopbackServer start(CommandDispatcher dispatcher) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        String serverId = UUID.randomUUID().toString();
        return new LoopbackServer(port, serverId, RequestServer.start("loopback", "127.0.0.1:" + port, serverId, channel,
                client -> new Caller("tcp", client.getRemoteAddress().toString(), false), dispatcher, LIMITS));
    }

    /** A port on which nothing listens: bound once, then closed. */
    public static int closedPort() throws IOException {
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return unused.getLocalPort();
        }
    }

    /** What its hello tells. */
    public String serverId() {
        return serverId;
    }

    public int port() {
        return port;
    }

    /** The address as a user writes it after {@code on}. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.close();
    }
}
