package keeper.transport.uds.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.api.CommandDispatcher;
import keeper.api.spi.auth.Envelope;
import keeper.api.spi.command.Reply;
import keeper.api.spi.transport.Connection;
import keeper.api.spi.transport.Endpoint;
import keeper.protocol.Exchange;
import keeper.protocol.Frames;
import keeper.protocol.RequestServer;
import keeper.protocol.WireFormat;

class UnixSocketServerTest {

    static final String SERVER_ID = "5f0c3a1e-test-server";

    private static final CommandDispatcher ECHO = (envelope, caller) ->
            Reply.ok(envelope.line() + " via " + caller.transport() + " " + caller.remote() + " trusted=" + caller.trusted());
    private static final RequestServer.Limits QUICK = new RequestServer.Limits(Duration.ofMillis(300), Duration.ofMillis(300),
            2, 2, 64, 64, Duration.ofSeconds(2));

    @TempDir
    Path dir;

    private Path socket;
    private final List<UnixSocketServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws IOException {
        for (UnixSocketServer server : servers) {
            server.close();
        }
    }

    @Test
    void answersThroughTheConnectorAsATrustedLocalCaller() throws IOException {
        start(ECHO, QUICK);

        assertEquals(Reply.ok("check via uds " + socket + " trusted=true"), call("check"));
    }

    @Test
    void socketFileIsOwnerOnlyAndNothingElseIsLeftBehind() throws IOException {
        start(ECHO, QUICK);

        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(socket));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(socket), files.toList());
        }
    }

    @Test
    void replacesAStaleSocketFile() throws IOException {
        socket = dir.resolve("keeper.sock");
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(socket));
        dead.close();
        assertTrue(Files.exists(socket), "closing a Unix server socket leaves its file behind");

        start(ECHO, QUICK);

        assertEquals("status via uds " + socket + " trusted=true", call("status").text());
    }

    @Test
    void refusesToTakeOverASocketAnotherServerAnswersOn() throws IOException {
        start(ECHO, QUICK);

        IOException e = assertThrows(IOException.class, () -> UnixSocketServer.start(socket, SERVER_ID, ECHO, QUICK));

        assertEquals("another server is already listening on " + socket, e.getMessage());
        assertTrue(call("check").ok(), "the first server still answers");
    }

    @Test
    void refusesToReplaceAFileThatIsNotASocket() throws IOException {
        socket = Files.writeString(dir.resolve("keeper.sock"), "not a socket");

        IOException e = assertThrows(IOException.class, () -> UnixSocketServer.start(socket, SERVER_ID, ECHO, QUICK));

        assertEquals(socket + " exists and is not a socket: move it away so that Keeper can listen there", e.getMessage());
        assertEquals("not a socket", Files.readString(socket));
    }

    @Test
    void answersAndClosesAClientThatSendsNothing() throws IOException {
        start(ECHO, QUICK);
        try (SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            Reply reply = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> readReply(silent));

            assertEquals(Reply.error("protocol error: no complete request within 300 ms of connecting"), reply);
            assertEquals(-1, silent.read(ByteBuffer.allocate(16)), "the server closed the connection");
        }
    }

    @Test
    void aCommandMayRunLongerThanTheRequestDeadline() throws IOException {
        start((envelope, caller) -> {
            simulateWork(QUICK.requestDeadline().multipliedBy(3));
            return Reply.ok("done");
        }, QUICK);

        assertEquals(Reply.ok("done"), call("stop all"));
    }

    @Test
    void whenFullTheLongestWaitingConnectionMakesRoomWithABusyAnswer() throws IOException {
        start(ECHO, new RequestServer.Limits(Duration.ofSeconds(30), Duration.ofSeconds(30), 1, 1, 2, 2, Duration.ofSeconds(1)));
        try (SocketChannel oldest = SocketChannel.open(UnixDomainSocketAddress.of(socket));
             SocketChannel second = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            assertEquals(Reply.ok("check via uds " + socket + " trusted=true"), call("check"));

            Reply reply = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> readReply(oldest));

            assertEquals(Reply.error("server busy: too many requests at once, try again"), reply);
        }
    }

    @Test
    void saysWhenTheDirectoryPathIsTooLongForASocket() throws IOException {
        Path deep = Files.createDirectories(dir.resolve("d".repeat(100)));

        IOException e = assertThrows(IOException.class,
                () -> UnixSocketServer.start(deep.resolve("keeper.sock"), SERVER_ID, ECHO, QUICK));

        assertTrue(e.getMessage().startsWith("the directory of " + deep.resolve("keeper.sock") + " has too long a path"),
                e.getMessage());
        try (Stream<Path> files = Files.list(deep)) {
            assertEquals(List.of(), files.toList(), "no temporary directory is left behind");
        }
    }

    @Test
    void closingRemovesTheSocketFile() throws IOException {
        UnixSocketServer server = start(ECHO, QUICK);

        server.close();

        assertFalse(Files.exists(socket));
    }

    @Test
    void answersMalformedRequestsWithAProtocolError() throws IOException {
        start(ECHO, QUICK);
        try (Connection connection = new UnixSocketConnector().open(endpoint(), Duration.ofSeconds(2))) {
            Frames.write(connection.output(), "HELLO".getBytes(StandardCharsets.UTF_8));

            Reply reply = WireFormat.decodeReply(Frames.read(connection.input(), 1024));

            assertFalse(reply.ok());
            assertTrue(reply.text().startsWith("protocol error: not a Keeper request"), reply.text());
        }
    }

    private static Reply readReply(SocketChannel channel) throws IOException {
        return WireFormat.decodeReply(Frames.read(Channels.newInputStream(channel), Frames.MAX_REPLY));
    }

    private UnixSocketServer start(CommandDispatcher dispatcher, RequestServer.Limits settings) throws IOException {
        socket = dir.resolve("keeper.sock");
        UnixSocketServer server = UnixSocketServer.start(socket, SERVER_ID, dispatcher, settings);
        servers.add(server);
        return server;
    }

    private Reply call(String line) throws IOException {
        try (Connection connection = new UnixSocketConnector().open(endpoint(), Duration.ofSeconds(2))) {
            return Exchange.call(connection, Envelope.unsigned(WireFormat.VERSION, line));
        }
    }

    private Endpoint endpoint() {
        return new Endpoint("unix", null, socket.toString(), -1, Map.of(), "unix://" + socket);
    }

    /** Stands for a command that takes its time (e.g. stopping children), not for waiting on a condition. */
    private static void simulateWork(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
