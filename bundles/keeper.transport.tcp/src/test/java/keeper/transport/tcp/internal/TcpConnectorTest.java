package keeper.transport.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;

import keeper.api.spi.auth.Envelope;
import keeper.api.spi.transport.Connection;
import keeper.api.spi.transport.Connector;
import keeper.protocol.Exchange;
import keeper.protocol.WireFormat;

class TcpConnectorTest {

    private final TcpConnector connector = new TcpConnector();

    @Test
    void serviceLoaderFindsTheTcpConnector() {
        assertTrue(ServiceLoader.load(Connector.class).stream()
                .anyMatch(provider -> provider.get().scheme().equals("tcp")));
    }

    @Test
    void refusedConnectionSaysWhatToCheck() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }

        IOException e = assertThrows(IOException.class,
                () -> connector.open(TcpServerTest.endpoint("127.0.0.1", closedPort), Duration.ofSeconds(2)));

        assertEquals("cannot connect to 127.0.0.1:" + closedPort
                + ": connection refused (is keeper-server running there?)", e.getMessage());
    }

    @Test
    void unknownHostIsNamed() {
        IOException e = assertThrows(IOException.class,
                () -> connector.open(TcpServerTest.endpoint("no-such-host.invalid", 1234), Duration.ofSeconds(2)));

        assertEquals("cannot connect to no-such-host.invalid:1234: unknown host", e.getMessage());
    }

    @Test
    void serverThatNeverAnswersTimesOutWithTheServerNamed() throws IOException {
        try (ServerSocket mute = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = mute.getLocalPort();
            try (Connection connection = connector.open(TcpServerTest.endpoint("127.0.0.1", port), Duration.ofMillis(300));
                    Socket accepted = mute.accept()) {
                IOException e = assertThrows(IOException.class,
                        () -> Exchange.call(connection, Envelope.unsigned(WireFormat.VERSION, "check")));

                assertTrue(e.getMessage().startsWith("no reply from 127.0.0.1:" + port + " within 300 ms"),
                        e.getMessage());
            }
        }
    }

    @Test
    void ipv6AddressesAreWrittenShortAndBracketed() {
        assertEquals("::1", TcpAddresses.compressed("0:0:0:0:0:0:0:1"));
        assertEquals("::", TcpAddresses.compressed("0:0:0:0:0:0:0:0"));
        assertEquals("fe80::1", TcpAddresses.compressed("fe80:0:0:0:0:0:0:1%lo"));
        assertEquals("2001:db8::1:0:0:1", TcpAddresses.compressed("2001:db8:0:0:1:0:0:1"));
        assertEquals("[::1]:33889", TcpAddresses.hostPort("::1", 33889));
    }
}
