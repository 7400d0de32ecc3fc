package keeper.transport.uds.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.api.spi.auth.Envelope;
import keeper.api.spi.command.Reply;
import keeper.protocol.Frames;
import keeper.protocol.RequestServer;
import keeper.protocol.WireFormat;

/**
 * Issue 14: when the process runs out of file descriptors, accept fails at once for as long as a
 * connection waits; the listener must back off instead of spinning a core, and serve again once
 * descriptors are free.
 */
class DescriptorExhaustionTest {

    static final String SERVER_ID = "5f0c3a1e-test-server";

    /** Far above any sane RLIMIT_NOFILE for a test run; beyond it the test cannot exhaust and is skipped. */
    private static final int MOST_DESCRIPTORS_OPENED = 200_000;
    /** Clock ticks (1/100 s on Linux) the listener thread may use in a second: a spinning one uses about 100. */
    private static final long MOST_TICKS_PER_SECOND = 20;

    @TempDir
    Path dir;

    @Test
    void listenerBacksOffWhileDescriptorsRunOutAndServesAgainAfterwards() throws Exception {
        Path socket = dir.resolve("keeper.sock");
        Duration deadline = Duration.ofSeconds(30);
        try (UnixSocketServer server = UnixSocketServer.start(socket, SERVER_ID, (envelope, caller) -> Reply.ok("served"),
                new RequestServer.Limits(deadline, deadline, 2, 2, 16, 16, Duration.ofSeconds(1)));
             RandomAccessFile ioStat = new RandomAccessFile(threadStat("keeper-uds-io").toFile(), "r");
             SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            // A server has logged before descriptors run out; the first log line loads time zone data from a file.
            System.getLogger(DescriptorExhaustionTest.class.getName()).log(System.Logger.Level.INFO, "exhausting descriptors");
            List<FileChannel> filler = exhaustDescriptors();
            CompletableFuture<Reply> reply;
            try {
                // A Unix connect completes into the backlog without the server accepting, and needs no new descriptor here.
                client.connect(UnixDomainSocketAddress.of(socket));
                Frames.write(Channels.newOutputStream(client),
                        WireFormat.encodeRequest(Envelope.unsigned(WireFormat.VERSION, "check")));
                reply = CompletableFuture.supplyAsync(() -> read(client));
                long before = cpuTicks(ioStat);

                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                        .until(() -> cpuTicks(ioStat) - before <= MOST_TICKS_PER_SECOND);
            } finally {
                for (FileChannel channel : filler) {
                    channel.close();
                }
            }
            assertEquals(Reply.ok("served"), reply.get(5, TimeUnit.SECONDS));
        }
    }

    private static List<FileChannel> exhaustDescriptors() throws IOException {
        List<FileChannel> opened = new ArrayList<>();
        Path devNull = Path.of("/dev/null");
        try {
            while (opened.size() < MOST_DESCRIPTORS_OPENED) {
                opened.add(FileChannel.open(devNull));
            }
        } catch (IOException e) {
            assertTrue(String.valueOf(e.getMessage()).contains("Too many open files"), e.toString());
            return opened;
        }
        for (FileChannel channel : opened) {
            channel.close();
        }
        Assumptions.abort("could not run out of file descriptors with " + MOST_DESCRIPTORS_OPENED + " open");
        return opened;
    }

    private static Reply read(SocketChannel client) {
        try {
            return WireFormat.decodeReply(Frames.read(Channels.newInputStream(client), Frames.MAX_REPLY));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** /proc/self/task/TID/stat of the one thread named {@code name}, once the started thread has named itself. */
    private static Path threadStat(String name) {
        List<Path> matches = await().atMost(Duration.ofSeconds(5)).until(() -> threadStats(name), found -> found.size() == 1);
        return matches.get(0);
    }

    private static List<Path> threadStats(String name) throws IOException {
        List<Path> matches = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (Files.readString(task.resolve("comm")).strip().equals(name)) {
                        matches.add(task.resolve("stat"));
                    }
                } catch (java.nio.file.NoSuchFileException e) {
                    // the thread ended while the list was read
                }
            }
        }
        return matches;
    }

    /** utime + stime of the thread, read again from the start of the already open stat file. */
    private static long cpuTicks(RandomAccessFile stat) throws IOException {
        stat.seek(0);
        String line = stat.readLine();
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        // after "pid (comm) ", field 3 (state) is index 0: utime is field 14, stime field 15
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
