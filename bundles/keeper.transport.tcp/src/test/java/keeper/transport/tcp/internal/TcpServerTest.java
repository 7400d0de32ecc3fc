package keeper.transport.tcp.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import keeper.api.CommandDispatcher;
import keeper.api.spi.auth.Envelope;
import keeper.api.spi.command.Reply;
import keeper.api.spi.transport.Connection;
import keeper.api.spi.transport.Endpoint;
import keeper.protocol.Exchange;
import keeper.protocol.Frames;
import keeper.protocol.RequestServer;
import keeper.protocol.WireFormat;

class TcpServerTest {

    static final String SERVER_ID = "5f0c3a1e-test-server";

    private static final Duration REQUEST_DEADLINE = Duration.ofSeconds(5);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);

    /** Answers with what it received, so a test sees the line and the caller made it through. */
    private static final CommandDispatcher ECHO = (envelope, caller) -> Reply.ok(
            envelope.line() + " via " + caller.transport() + " from " + caller.remote() + " trusted=" + caller.trusted());

    private final List<TcpServer> servers = new ArrayList<>();

    @AfterEach
    void closeServers() throws IOException {
        for (TcpServer server : servers) {
            server.close();
        }
    }

    @Test
    void requestRoundTripsThroughTheConnector() throws IOException {
        TcpServer server = start(ECHO, limits(4, 4));

        Reply reply = call(server, "restart web");

        assertTrue(reply.ok(), reply.text());
        assertTrue(reply.text().startsWith("restart web via tcp from 127.0.0.1:"), reply.text());
        assertTrue(reply.text().endsWith("trusted=false"), reply.text());
    }

    @Test
    void fiftyConcurrentClientsAreAllAnswered() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        TcpServer server = start((envelope, caller) -> {
            mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20); // a command that takes a little time, so requests overlap
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return Reply.ok("answer to " + envelope.line());
        }, limits(8, 64));
        ExecutorService clients = Executors.newFixedThreadPool(50);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String line = "check c" + i;
                replies.add(clients.submit(() -> call(server, line)));
            }
            for (int i = 0; i < 50; i++) {
                assertEquals(Reply.ok("answer to check c" + i), replies.get(i).get(10, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
        assertTrue(mostAtOnce.get() > 1, "requests were served one at a time");
        assertTrue(mostAtOnce.get() <= 8, "more requests at once than workers: " + mostAtOnce.get());
    }

    @Test
    void malformedFrameIsAnsweredAndTheServerKeepsServing() throws IOException {
        TcpServer server = start(ECHO, limits(4, 4));

        Reply reply = raw(server, frame("GET / HTTP/1.1\r\n"));

        assertFalse(reply.ok());
        assertTrue(reply.text().startsWith("protocol error: not a Keeper request"), reply.text());
        assertTrue(call(server, "check").ok());
    }

    @Test
    void oversizeLengthIsRefusedWithoutReadingThePayload() throws IOException {
        TcpServer server = start(ECHO, limits(4, 4));

        Reply reply = raw(server, new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});

        assertFalse(reply.ok());
        assertTrue(reply.text().contains("2147483647 bytes is larger than the limit of " + Frames.MAX_REQUEST),
                reply.text());
    }

    @Test
    void unknownVersionIsRefusedByNumber() throws IOException {
        TcpServer server = start(ECHO, limits(4, 4));

        Reply reply = raw(server, frame("KEEPER/3\nline: check\n"));

        assertFalse(reply.ok());
        assertTrue(reply.text().contains("unsupported protocol version 3"), reply.text());
    }

    @Test
    void silentClientIsAnsweredAndDisconnectedAtTheRequestDeadline() throws IOException {
        TcpServer server = start(ECHO, new RequestServer.Limits(Duration.ofMillis(300), Duration.ofSeconds(5), 4, 4, 64, 64,
                Duration.ofSeconds(1)));
        try (Socket silent = connect(server)) {
            silent.setSoTimeout(5_000);
            long began = System.nanoTime();

            DataInputStream in = new DataInputStream(silent.getInputStream());
            Reply reply = WireFormat.decodeReply(Frames.read(in, Frames.MAX_REPLY));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);

            assertFalse(reply.ok());
            assertTrue(reply.text().contains("no complete request within 300 ms of connecting"), reply.text());
            assertTrue(waited >= 250 && waited < 3_000, "answered after " + waited + " ms");
            assertEquals(-1, in.read(), "the server must close the connection");
        }
    }

    @Test
    void clientThatDribblesIsCutOffAtTheRequestDeadline() throws IOException {
        TcpServer server = start(ECHO, new RequestServer.Limits(Duration.ofMillis(800), Duration.ofSeconds(5), 4, 4, 64, 64,
                Duration.ofSeconds(1)));
        try (Socket slow = connect(server)) {
            OutputStream out = slow.getOutputStream();
            long began = System.nanoTime();
            byte[] request = new byte[4 + 256];
            request[2] = 1; // a frame of 256 bytes, sent one byte per 100 ms: the deadline counts from connecting
            assertThrows(IOException.class, () -> {
                for (byte b : request) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(100);
                }
            });
            long cutOff = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
            assertTrue(cutOff >= 700 && cutOff < 5_000, "cut off after " + cutOff + " ms");
        }
    }

    @Test
    void helloTellsTheServerIdThenTheRequestFollowsOnTheSameConnection() throws IOException {
        TcpServer server = start(ECHO, limits(2, 2));
        try (Connection connection = new TcpConnector().open(endpoint("127.0.0.1", server.address().getPort()),
                CLIENT_TIMEOUT)) {
            assertEquals(SERVER_ID, Exchange.hello(connection));
            Reply reply = Exchange.call(connection, Envelope.unsigned(WireFormat.VERSION, "check"));
            assertTrue(reply.text().startsWith("check via tcp"), reply.text());
        }
    }

    @Test
    void aSecondHelloIsRefused() throws IOException {
        TcpServer server = start(ECHO, limits(2, 2));
        try (Connection connection = new TcpConnector().open(endpoint("127.0.0.1", server.address().getPort()),
                CLIENT_TIMEOUT)) {
            Exchange.hello(connection);
            IOException e = assertThrows(IOException.class, () -> Exchange.hello(connection));
            assertTrue(e.getMessage().endsWith("protocol error: one hello per connection"), e.getMessage());
        }
    }

    @Test
    void fullQueueAnswersServerBusy() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TcpServer server = start((envelope, caller) -> {
            entered.countDown();
            waitFor(release);
            return Reply.ok("done");
        }, limits(1, 1));
        CompletableFuture<Reply> busyWorker = CompletableFuture.supplyAsync(() -> callUnchecked(server, "stop all"));
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        // One worker busy, room for one more request: of two more, one waits and the other is turned away.
        CompletableFuture<Reply> second = CompletableFuture.supplyAsync(() -> callUnchecked(server, "check"));
        CompletableFuture<Reply> third = CompletableFuture.supplyAsync(() -> callUnchecked(server, "check"));
        Reply busy = Reply.error("server busy: too many requests at once, try again");
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> busy.equals(second.getNow(null)) || busy.equals(third.getNow(null)));
        } finally {
            release.countDown();
        }
        assertEquals(Reply.ok("done"), busyWorker.get(5, TimeUnit.SECONDS));
        List<Reply> others = List.of(second.get(5, TimeUnit.SECONDS), third.get(5, TimeUnit.SECONDS));
        assertTrue(others.contains(busy) && others.contains(Reply.ok("done")), others.toString());
    }

    @Test
    void closingLetsTheRequestInFlightFinish() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        TcpServer server = TcpServer.start(loopback(), SERVER_ID, (envelope, caller) -> {
            entered.countDown();
            try {
                Thread.sleep(300); // still working when the server is closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.ok("finished");
        }, limits(2, 2));
        CompletableFuture<Reply> reply = CompletableFuture.supplyAsync(() -> callUnchecked(server, "stop web"));
        assertTrue(entered.await(5, TimeUnit.SECONDS));

        server.close();

        assertEquals(Reply.ok("finished"), reply.get(5, TimeUnit.SECONDS));
        assertThrows(IOException.class, () -> call(server, "check"), "a closed server must not accept");
    }

    @Test
    void ipv6LoopbackWorksWhereAvailable() throws IOException {
        InetAddress v6 = InetAddress.getByName("::1");
        try (ServerSocket probe = new ServerSocket(0, 1, v6)) {
            Assumptions.assumeTrue(probe.isBound());
        } catch (IOException e) {
            Assumptions.abort("no IPv6 loopback here: " + e.getMessage());
        }
        TcpServer server = TcpServer.start(new InetSocketAddress(v6, 0), SERVER_ID, ECHO, limits(2, 2));
        servers.add(server);
        int port = server.address().getPort();

        assertEquals("tcp://[::1]:" + port, TcpAddresses.uri(server.address()));
        try (Connection connection = new TcpConnector().open(endpoint("::1", port), CLIENT_TIMEOUT)) {
            Reply reply = Exchange.call(connection, Envelope.unsigned(WireFormat.VERSION, "info"));
            assertTrue(reply.text().startsWith("info via tcp from [::1]:"), reply.text());
        }
    }

    @Test
    void secondServerOnTheSamePortSaysSoClearly() throws IOException {
        TcpServer first = start(ECHO, limits(1, 1));
        InetSocketAddress taken = first.address();

        IOException e = assertThrows(IOException.class, () -> TcpServer.start(taken, SERVER_ID, ECHO, limits(1, 1)));

        assertEquals("cannot listen on 127.0.0.1:" + taken.getPort()
                + ": address already in use (is another keeper-server running?)",
                SocketFailures.bind(TcpAddresses.hostPort("127.0.0.1", taken.getPort()), e));
    }

    private TcpServer start(CommandDispatcher dispatcher, RequestServer.Limits limits) throws IOException {
        TcpServer server = TcpServer.start(loopback(), SERVER_ID, dispatcher, limits);
        servers.add(server);
        return server;
    }

    static RequestServer.Limits limits(int workers, int queue) {
        return new RequestServer.Limits(REQUEST_DEADLINE, Duration.ofSeconds(5), workers, queue, 64, 64, Duration.ofSeconds(2));
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    static Endpoint endpoint(String host, int port) {
        return new Endpoint("tcp", null, host, port, Map.of(), "tcp://" + host + ":" + port);
    }

    private static Reply call(TcpServer server, String line) throws IOException {
        try (Connection connection = new TcpConnector().open(endpoint("127.0.0.1", server.address().getPort()),
                CLIENT_TIMEOUT)) {
            return Exchange.call(connection, Envelope.unsigned(WireFormat.VERSION, line));
        }
    }

    private static Reply callUnchecked(TcpServer server, String line) {
        try {
            return call(server, line);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Socket connect(TcpServer server) throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), server.address().getPort());
    }

    /** Sends bytes as they are, not necessarily a valid frame, and reads the one reply. */
    private static Reply raw(TcpServer server, byte[] bytes) throws IOException {
        try (Socket socket = connect(server)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            try {
                return WireFormat.decodeReply(Frames.read(socket.getInputStream(), Frames.MAX_REPLY));
            } catch (EOFException e) {
                throw new AssertionError("the server closed the connection without answering", e);
            }
        }
    }

    private static byte[] frame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[4 + payload.length];
        frame[3] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 4, payload.length);
        return frame;
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
