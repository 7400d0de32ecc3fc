package keeper.transport.uds.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.api.spi.transport.Connection;
import keeper.api.spi.transport.Connector;
import keeper.api.spi.transport.Endpoint;

class UnixSocketConnectorTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);

    @TempDir
    Path dir;

    @Test
    void isFoundByServiceLoaderForSchemeUnix() {
        assertTrue(ServiceLoader.load(Connector.class).stream()
                .map(ServiceLoader.Provider::get)
                .anyMatch(c -> c instanceof UnixSocketConnector && c.scheme().equals("unix")));
    }

    @Test
    void saysWhenThereIsNoSocketFile() {
        Path missing = dir.resolve("keeper.sock");

        IOException e = assertThrows(IOException.class, () -> open(missing.toString()).close());

        assertEquals("no Keeper socket at " + missing + " (unix://" + missing
                + "): is the server running with the uds feature?", e.getMessage());
    }

    @Test
    void saysWhenNothingListensOnTheSocketFile() throws IOException {
        Path stale = dir.resolve("keeper.sock");
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(stale));
        dead.close();

        IOException e = assertThrows(IOException.class, () -> open(stale.toString()).close());

        assertEquals("nothing listens on " + stale + ": the socket file is left from a server that stopped", e.getMessage());
    }

    @Test
    void givesUpWhenTheServerDoesNotAcceptInTime() throws IOException {
        Path socket = dir.resolve("keeper.sock");
        List<Connection> queued = new ArrayList<>();
        try (ServerSocketChannel neverAccepts = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            neverAccepts.bind(UnixDomainSocketAddress.of(socket), 1);

            // Connections queue until the backlog is full; the one after that blocks until the deadline.
            IOException e = assertThrows(IOException.class, () -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                for (int attempt = 0; attempt < 10; attempt++) {
                    queued.add(open(socket.toString()));
                }
            }));

            assertEquals("the server on " + socket + " did not accept within 300 ms", e.getMessage());
        } finally {
            for (Connection connection : queued) {
                connection.close();
            }
        }
    }

    @Test
    void wantsAnAbsoluteSocketPathInTheHost() {
        IOException e = assertThrows(IOException.class, () -> open("keeper.sock").close());

        assertEquals("'unix://keeper.sock' does not name a socket: write unix:///absolute/path/to/keeper.sock",
                e.getMessage());
    }

    private static Connection open(String host) throws IOException {
        return new UnixSocketConnector().open(new Endpoint("unix", null, host, -1, Map.of(), "unix://" + host), TIMEOUT);
    }
}
