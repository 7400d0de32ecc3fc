package keeper.transport.tcp.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import keeper.api.CommandDispatcher;
import keeper.api.spi.auth.Envelope;
import keeper.api.spi.command.Reply;
import keeper.api.spi.transport.Connection;
import keeper.protocol.Exchange;
import keeper.protocol.WireFormat;

/**
 * Issue 14: a real client still gets its {@code check} answered while hostile clients from the same
 * address hold or churn connections, with the limits the server runs with.
 */
class HostileClientsTest {

    private static final int CALLS = 40;
    private static final CommandDispatcher CHECK = (envelope, caller) -> Reply.ok("web RUNNING");

    private final TcpServer server;

    HostileClientsTest() throws IOException {
        server = TcpServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), TcpServerTest.SERVER_ID, CHECK, TcpServer.DEFAULT_LIMITS);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void checkIsAnsweredDuringAHundredConnectionSlowloris() throws Exception {
        try (Attack slowloris = Attack.slowloris(server.address(), 100)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> slowloris.connections() >= 100);

            int answered = answeredChecks(slowloris);

            assertTrue(answered >= CALLS * 95 / 100, answered + " of " + CALLS + " checks answered");
        }
    }

    @Test
    void checkIsAnsweredDuringAConnectionFlood() throws Exception {
        try (Attack flood = Attack.connectionFlood(server.address())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> flood.connections() >= 500);

            int answered = answeredChecks(flood);

            assertTrue(answered >= CALLS * 95 / 100, answered + " of " + CALLS + " checks answered");
        }
    }

    /** Asks {@value #CALLS} times, each after the attack did another round, so that every call meets it running. */
    private int answeredChecks(Attack attack) {
        int answered = 0;
        for (int i = 0; i < CALLS; i++) {
            long round = attack.rounds();
            await().atMost(Duration.ofSeconds(10)).until(() -> attack.rounds() > round);
            try (Connection connection = new TcpConnector().open(TcpServerTest.endpoint("127.0.0.1",
                    server.address().getPort()), Duration.ofSeconds(5))) {
                if (Exchange.call(connection, Envelope.unsigned(WireFormat.VERSION, "check")).ok()) {
                    answered++;
                }
            } catch (IOException e) {
                // counted as not answered
            }
        }
        return answered;
    }
}
