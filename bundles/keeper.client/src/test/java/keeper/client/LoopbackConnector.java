package keeper.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import keeper.api.spi.transport.Connection;
import keeper.api.spi.transport.Connector;
import keeper.api.spi.transport.Endpoint;

/** A plain-socket tcp Connector for tests (the real one lives in keeper.transport.tcp); listed in META-INF/services. */
public final class LoopbackConnector implements Connector {

    @Override
    public String scheme() {
        return "tcp";
    }

    @Override
    public Connection open(Endpoint endpoint, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), (int) timeout.toMillis());
            return new SocketConnection(socket, socket.getInputStream(), socket.getOutputStream());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private record SocketConnection(Socket socket, InputStream input, OutputStream output) implements Connection {
        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
