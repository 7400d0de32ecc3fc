package keeper.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import keeper.api.CommandDispatcher;
import keeper.api.spi.command.Caller;
import keeper.protocol.Exchange;

/** A real Keeper server on a loopback port, answering with whatever the test's dispatcher says. */
public final class LoopbackServer implements AutoCloseable {

    private final ServerSocket socket;

    private LoopbackServer(ServerSocket socket) {
        this.socket = socket;
    }

    public static LoopbackServer start(CommandDispatcher dispatcher) throws IOException {
        LoopbackServer server = new LoopbackServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        Thread acceptor = new Thread(() -> server.acceptAll(dispatcher), "loopback-server-" + server.port());
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    /** A port on which nothing listens: bound once, then closed. */
    public static int closedPort() throws IOException {
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return unused.getLocalPort();
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** The address as a user writes it after {@code on}. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    private void acceptAll(CommandDispatcher dispatcher) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread handler = new Thread(() -> serve(client, dispatcher));
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(Socket client, CommandDispatcher dispatcher) {
        try (client) {
            Exchange.serve(client.getInputStream(), client.getOutputStream(),
                    new Caller("tcp", client.getRemoteSocketAddress().toString(), false), dispatcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
