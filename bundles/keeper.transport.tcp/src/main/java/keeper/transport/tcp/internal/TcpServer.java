package keeper.transport.tcp.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;

import keeper.api.CommandDispatcher;
import keeper.api.spi.command.Caller;
import keeper.protocol.RequestServer;

/**
 * Serves Keeper requests on a TCP socket through the shared {@link RequestServer}; this class only binds
 * and names callers. Callers are untrusted: with {@code encrypt: on} the dispatcher requires a
 * signature. Knows nothing of OSGi, so tests run it as is.
 */
final class TcpServer implements Closeable {

    /**
     * Anyone who reaches the port may connect: a whole request within 5 s of connecting, 10 s to take the
     * reply, 32 requests dispatched at once and 64 waiting, 512 connections open, 64 from one address.
     */
    static final RequestServer.Limits DEFAULT_LIMITS = new RequestServer.Limits(Duration.ofSeconds(5),
            Duration.ofSeconds(10), 32, 64, 512, 64, Duration.ofSeconds(2));

    private final InetSocketAddress address;
    private final RequestServer server;

    private TcpServer(InetSocketAddress address, RequestServer server) {
        this.address = address;
        this.server = server;
    }

    /**
     * Binds {@code address} (port 0: any free port) and starts serving as the server {@code serverId};
     * fails when it cannot bind.
     */
    static TcpServer start(InetSocketAddress address, String serverId, CommandDispatcher dispatcher,
            RequestServer.Limits limits) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.bind(address, limits.connections());
            InetSocketAddress bound = (InetSocketAddress) channel.getLocalAddress();
            return new TcpServer(bound, RequestServer.start("tcp", TcpAddresses.uri(bound), serverId, channel,
                    client -> new Caller("tcp", remote((InetSocketAddress) client.getRemoteAddress()), false),
                    dispatcher, limits));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** The address actually bound: with port 0, the port the system chose. */
    InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        server.close();
    }

    private static String remote(InetSocketAddress peer) {
        return TcpAddresses.hostPort(peer.getAddress(), peer.getPort());
    }
}
