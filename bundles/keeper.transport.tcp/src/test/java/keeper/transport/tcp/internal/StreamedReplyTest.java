package keeper.transport.tcp.internal;

import static keeper.transport.tcp.internal.TcpServerTest.SERVER_ID;
import static keeper.transport.tcp.internal.TcpServerTest.endpoint;
import static keeper.transport.tcp.internal.TcpServerTest.limits;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import keeper.api.spi.auth.Envelope;
import keeper.api.spi.command.Reply;
import keeper.api.spi.command.ReplyFeed;
import keeper.api.spi.transport.Connection;
import keeper.protocol.Exchange;
import keeper.protocol.WireFormat;

/** A reply that goes on (a followed log) over a real loopback socket: frames as the feed gives, until a hang-up. */
class StreamedReplyTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    private final FakeFeed feed = new FakeFeed();
    private final Queue<String> received = new ConcurrentLinkedQueue<>();
    private TcpServer server;

    @AfterEach
    void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void piecesArriveAsTheFeedGivesThemAndAHangUpClosesTheFeed() throws Exception {
        server = TcpServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), SERVER_ID,
                (envelope, caller) -> Reply.followed("first\n", feed), limits(4, 4));
        Connection connection = connect();
        CompletableFuture<Reply> end = CompletableFuture.supplyAsync(() -> follow(connection));

        await().atMost(WITHIN).until(() -> received.contains("first\n"));
        feed.offer("second\n");
        await().atMost(WITHIN).until(() -> received.contains("second\n"));
        assertFalse(feed.closed.get());

        connection.close();
        await().atMost(WITHIN).untilTrue(feed.closed);
        assertTrue(end.get().text().contains("closed"), end.get().text());
    }

    @Test
    void aStreamWithNothingNewSendsHeartbeatsSoTheClientsReadTimeoutNeverFires() throws Exception {
        server = TcpServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), SERVER_ID,
                (envelope, caller) -> Reply.followed("", feed), limits(4, 4));
        try (Connection connection = new TcpConnector().open(endpoint("127.0.0.1", server.address().getPort()),
                Duration.ofSeconds(1))) {
            CompletableFuture<Reply> end = CompletableFuture.supplyAsync(() -> follow(connection));
            await().atMost(WITHIN).until(() -> received.size() >= 6);
            assertFalse(end.isDone(), "a 1 s read timeout outlived by 2 s and more of silence");
        }
    }

    @Test
    void closingTheServerEndsTheStreamWithAFinalReplyThatSaysWhy() throws Exception {
        server = TcpServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), SERVER_ID,
                (envelope, caller) -> Reply.followed("first\n", feed), limits(4, 4));
        try (Connection connection = connect()) {
            CompletableFuture<Reply> end = CompletableFuture.supplyAsync(() -> follow(connection));
            await().atMost(WITHIN).until(() -> received.contains("first\n"));

            server.close();
            Reply last = end.get();
            assertFalse(last.ok());
            assertEquals("stopped following: the server is stopping", last.text());
            await().atMost(WITHIN).untilTrue(feed.closed);
        }
    }

    @Test
    void aFeedThatEndsSendsItsReplyAsTheLastFrameAfterWhatItGave() throws Exception {
        server = TcpServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), SERVER_ID,
                (envelope, caller) -> Reply.followed("start all: 10 children running (1 s)\n", feed), limits(4, 4));
        try (Connection connection = connect()) {
            CompletableFuture<Reply> end = CompletableFuture.supplyAsync(() -> follow(connection));
            await().atMost(WITHIN).until(() -> received.contains("start all: 10 children running (1 s)\n"));
            feed.offer("start all: 20 children running (2 s)\n");
            feed.end = Reply.error("web started (pid 42)\ndb not started: no such file");

            Reply last = end.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
            assertEquals(new Reply(false, "web started (pid 42)\ndb not started: no such file"), last);
            assertTrue(received.contains("start all: 20 children running (2 s)\n"), received.toString());
            await().atMost(WITHIN).untilTrue(feed.closed);
        }
    }

    @Test
    void aClientThatDidNotAskForAStreamRefusesOne() throws Exception {
        server = TcpServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), SERVER_ID,
                (envelope, caller) -> Reply.followed("first\n", feed), limits(4, 4));
        try (Connection connection = connect()) {
            IOException refused = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> Exchange.call(connection, Envelope.unsigned(WireFormat.VERSION, "logs web --follow")));
            assertTrue(refused.getMessage().contains("streamed reply"), refused.getMessage());
        }
        await().atMost(WITHIN).untilTrue(feed.closed);
    }

    private Connection connect() throws IOException {
        return new TcpConnector().open(endpoint("127.0.0.1", server.address().getPort()), Duration.ofSeconds(5));
    }

    private Reply follow(Connection connection) {
        try {
            return Exchange.call(connection, Envelope.unsigned(WireFormat.VERSION, "logs web --follow"), received::add);
        } catch (IOException e) {
            return Reply.error("client: " + e.getMessage() + " (connection closed)");
        }
    }

    /** Gives what a test offers; remembers being closed. */
    private static final class FakeFeed implements ReplyFeed {
        final Queue<String> pending = new ConcurrentLinkedQueue<>();
        final AtomicBoolean closed = new AtomicBoolean();
        /** Once set, the feed ends with it after what is pending. */
        volatile Reply end;

        void offer(String text) {
            pending.add(text);
        }

        @Override
        public String poll(int maxBytes) {
            String next = pending.poll();
            return next == null ? "" : next;
        }

        @Override
        public Optional<Reply> end() {
            return Optional.ofNullable(end);
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }
}
