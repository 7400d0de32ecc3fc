package keeper.transport.uds.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.api.Connector;
import keeper.api.Endpoint;

class UnixSocketConnectorTest {

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

        IOException e = assertThrows(IOException.class, () -> open(missing.toString()));

        assertEquals("no Keeper socket at " + missing + " (unix://" + missing
                + "): is the server running with the uds feature?", e.getMessage());
    }

    @Test
    void saysWhenNothingListensOnTheSocketFile() throws IOException {
        Path stale = dir.resolve("keeper.sock");
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(stale));
        dead.close();

        IOException e = assertThrows(IOException.class, () -> open(stale.toString()));

        assertEquals("nothing listens on " + stale + ": the socket file is left from a server that stopped", e.getMessage());
    }

    @Test
    void wantsAnAbsoluteSocketPathInTheHost() {
        IOException e = assertThrows(IOException.class, () -> open("keeper.sock"));

        assertEquals("'unix://keeper.sock' does not name a socket: write unix:///absolute/path/to/keeper.sock",
                e.getMessage());
    }

    private static void open(String host) throws IOException {
        new UnixSocketConnector().open(new Endpoint("unix", null, host, -1, Map.of(), "unix://" + host),
                Duration.ofSeconds(1)).close();
    }
}
