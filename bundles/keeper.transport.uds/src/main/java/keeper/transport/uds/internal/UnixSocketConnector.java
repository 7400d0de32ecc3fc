package keeper.transport.uds.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.service.component.annotations.Component;

import keeper.api.spi.transport.Connection;
import keeper.api.spi.transport.Connector;
import keeper.api.spi.transport.Endpoint;
import keeper.api.spi.transport.Scheme;

/**
 * {@code unix:///path/to/keeper.sock}: talks to a server on the same machine through its Unix-domain
 * socket. The endpoint's {@link Endpoint#host() host} is the absolute socket path (the client's address
 * parser puts the URI's path there, as a Unix address has no host).
 *
 * <p>A DS component inside the runtime; the {@code keeper} CLI finds it with ServiceLoader through the
 * public no-argument constructor.
 */
@Component(service = Connector.class)
@Scheme(UnixSocketConnector.SCHEME)
public final class UnixSocketConnector implements Connector {

    static final String SCHEME = "unix";

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public Connection open(Endpoint endpoint, Duration timeout) throws IOException {
        Path socket = socketPath(endpoint);
        if (!Files.exists(socket)) {
            throw new IOException("no Keeper socket at " + socket + " (" + endpoint
                    + "): is the server running with the uds feature?");
        }
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            connect(channel, socket, timeout);
        } catch (IOException e) {
            channel.close();
            throw explained(e, socket, timeout);
        }
        return new ChannelConnection(channel);
    }

    static Path socketPath(Endpoint endpoint) throws IOException {
        String host = endpoint.host();
        if (host == null || host.isBlank() || !Path.of(host).isAbsolute()) {
            throw new IOException("'" + endpoint + "' does not name a socket: write unix:///absolute/path/to/keeper.sock");
        }
        return Path.of(host);
    }

    /**
     * A Unix connect blocks only while the server's backlog is full; the channel has no connect
     * timeout, so a timer closes it if the server does not make room in time.
     */
    private static void connect(SocketChannel channel, Path socket, Duration timeout) throws IOException {
        AtomicBoolean connected = new AtomicBoolean();
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!connected.get()) {
                closeQuietly(channel);
            }
        });
        channel.connect(UnixDomainSocketAddress.of(socket));
        connected.set(true);
    }

    private static IOException explained(IOException e, Path socket, Duration timeout) {
        if (e instanceof AsynchronousCloseException) {
            return new IOException("the server on " + socket + " did not accept within " + timeout.toMillis() + " ms", e);
        }
        if (e instanceof ConnectException) {
            return new IOException("nothing listens on " + socket + ": the socket file is left from a server that stopped", e);
        }
        if (e instanceof SocketException && String.valueOf(e.getMessage()).contains("ermission")) {
            return new IOException("no permission to connect to " + socket + ": only its owner may", e);
        }
        return new IOException("cannot connect to " + socket + ": " + e.getMessage(), e);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // The connect attempt is abandoned either way.
        }
    }

    private record ChannelConnection(SocketChannel channel, InputStream input, OutputStream output) implements Connection {
        ChannelConnection(SocketChannel channel) {
            this(channel, Channels.newInputStream(channel), Channels.newOutputStream(channel));
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
