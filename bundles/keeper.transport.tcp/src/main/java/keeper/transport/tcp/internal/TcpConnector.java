package keeper.transport.tcp.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import org.osgi.service.component.annotations.Component;

import keeper.api.ServerConfig;
import keeper.api.spi.transport.Connection;
import keeper.api.spi.transport.Connector;
import keeper.api.spi.transport.Endpoint;
import keeper.api.spi.transport.Scheme;
import keeper.protocol.ConnectFailures;

/**
 * {@code tcp://host[:port]}, the default transport. A DS component inside the runtime; the
 * {@code keeper} CLI finds it with ServiceLoader through the public no-argument constructor.
 */
@Component(service = Connector.class)
@Scheme(TcpConnector.SCHEME)
public final class TcpConnector implements Connector {

    static final String SCHEME = "tcp";

    public TcpConnector() {
        // ServiceLoader and DS both need a public no-argument constructor.
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public Connection open(Endpoint endpoint, Duration timeout) throws IOException {
        int port = endpoint.port() == -1 ? ServerConfig.DEFAULT_PORT : endpoint.port();
        String where = TcpAddresses.hostPort(endpoint.host(), port);
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getByName(endpoint.host()), port), millis(timeout));
            socket.setSoTimeout(millis(timeout));
            socket.setTcpNoDelay(true);
            return new TcpConnection(socket, where, timeout);
        } catch (IOException e) {
            socket.close();
            throw new IOException(ConnectFailures.connect(where, timeout, e), e);
        }
    }

    private static int millis(Duration timeout) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }
}
