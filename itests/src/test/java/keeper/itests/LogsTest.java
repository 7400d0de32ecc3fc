package keeper.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.itests.harness.Cli;
import keeper.itests.harness.CliResult;
import keeper.itests.harness.Distribution;
import keeper.itests.harness.EmbeddedRuntime;
import keeper.itests.harness.Proc;
import keeper.itests.harness.RawClient;
import keeper.itests.harness.ServerDir;
import keeper.itests.harness.ServerProcess;

/** Issue 15 (logs): a child's log files rotate at their limit while it writes, and {@code keeper logs} reads them. */
class LogsTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final Pattern PID = Pattern.compile("pid (\\d+)");

    @TempDir
    Path temp;

    private ServerDir dir;
    private ServerProcess server;
    private final List<Long> children = new ArrayList<>();

    @BeforeEach
    void startServer() {
        dir = ServerDir.create(temp);
        server = dir.start();
    }

    @AfterEach
    void stopServerAndChildren() {
        server.close();
        children.forEach(Proc::kill9);
    }

    @Test
    void aLogRotatesAtItsLimitKeepingExactlyItsBackupsWhileTheChildWrites() {
        dir.child("talker", String.join("\n",
                "command: 'i=0; while :; do i=$((i+1)); echo \"line $i\"; sleep 0.005; done'",
                "shell: true",
                "stdout_max_bytes: 2KB",
                "stdout_backups: 2",
                ""));
        long pid = started("talker");
        Path log = dir.stateDir().resolve("logs").resolve("talker.out.log");
        Path second = backup(log, 2);
        Awaitility.await("two rotations").atMost(WITHIN).until(() -> Files.exists(second));
        String oldest = read(second);
        Awaitility.await("a third rotation").atMost(WITHIN).until(() -> !read(second).equals(oldest));

        assertFalse(Files.exists(backup(log, 3)), "only stdout_backups copies are kept");
        assertTrue(Proc.alive(pid));
        long after = lastNumber(read(backup(log, 1)));
        Awaitility.await("the child writes on into the emptied file").atMost(WITHIN)
                .until(() -> read(log).contains("line " + (after + 1) + "\n") || lastNumber(read(backup(log, 1))) > after);
        assertFalse(read(log).contains("\0"), "no hole of NUL bytes where the child's old offset was");
    }

    @Test
    void logsShowsTheLastLinesOfStdoutOrStderrLocallyAndFromTwoServersLabelled() throws IOException {
        dir.child("printer", printer("a"));
        started("printer");
        Path log = dir.stateDir().resolve("logs").resolve("printer.out.log");
        Awaitility.await("the child's 50 lines").atMost(WITHIN).until(() -> read(log).contains("a 50\n"));

        CliResult three = ok(server.keeper("logs", "printer", "-n", "3"));
        assertEquals("a 48\na 49\na 50\n", three.text());
        assertEquals(numbered("a", 41, 50), ok(server.keeper("logs", "printer")).text(), "10 lines by default");
        assertEquals("oops \\x1b[31m\n", ok(server.keeper("logs", "printer", "--stderr", "-n", "1")).text(),
                "a child's escape sequence reaches the terminal escaped");

        ServerDir otherDir = ServerDir.create(temp.resolve("b"));
        otherDir.child("printer", printer("b"));
        try (ServerProcess other = otherDir.start()) {
            CliResult started = ok(other.keeper("start", "printer"));
            children.add(pid(started));
            Path otherLog = otherDir.stateDir().resolve("logs").resolve("printer.out.log");
            Awaitility.await("the other child's lines").atMost(WITHIN).until(() -> read(otherLog).contains("b 50\n"));

            CliResult both = ok(Cli.keeper("logs", "printer", "-n", "2", "on", server.host(), "on", other.host()));
            assertEquals("== " + server.host() + " ==\na 49\na 50\n== " + other.host() + " ==\nb 49\nb 50\n",
                    both.text());
        }
        CliResult unknown = server.keeper("logs", "nobody");
        assertEquals(1, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.text().contains("no child named 'nobody'"), unknown.toString());
        CliResult tooMany = server.keeper("logs", "printer", "-n", "10001");
        assertEquals(2, tooMany.exitCode(), tooMany.toString());
    }

    @Test
    void theShellShowsLogsAndASecondServersRemoteClientReadsThemOverTcp() throws Exception {
        dir.child("printer", printer("a"));
        started("printer");
        Path log = dir.stateDir().resolve("logs").resolve("printer.out.log");
        Awaitility.await("the child's 50 lines").atMost(WITHIN).until(() -> read(log).contains("a 50\n"));

        ServerDir otherDir = ServerDir.create(temp.resolve("b"));
        otherDir.child("printer", printer("b"));
        try (EmbeddedRuntime other = EmbeddedRuntime.boot(otherDir.serverYml(), otherDir.stateDir(), "core", "shell",
                "client")) {
            children.add(pid(other.gogo("keeper:start printer")));
            Path otherLog = otherDir.stateDir().resolve("logs").resolve("printer.out.log");
            Awaitility.await("the other child's lines").atMost(WITHIN).until(() -> read(otherLog).contains("b 50\n"));

            assertEquals("b 49\nb 50", other.gogo("keeper:logs printer --lines=2").strip());
            assertEquals("a 48\na 49\na 50", other.gogo("keeper:remote logs printer -n 3 on " + server.host()).strip());
            EmbeddedRuntime.GogoException follow = assertThrows(EmbeddedRuntime.GogoException.class,
                    () -> other.gogo("keeper:logs printer --follow"));
            assertTrue(follow.getMessage().contains("bin/keeper logs NAME -f"), follow.getMessage());
            EmbeddedRuntime.GogoException remoteFollow = assertThrows(EmbeddedRuntime.GogoException.class,
                    () -> other.gogo("keeper:remote logs printer -f on " + server.host()));
            assertTrue(remoteFollow.getMessage().contains("cannot follow"), remoteFollow.getMessage());
        }
    }

    @Test
    void followShowsNewLinesThroughRotationsWithoutAThreadPerFollowerAndStopsWhenTheClientIsKilled()
            throws Exception {
        dir.child("talker", String.join("\n",
                "command: 'i=0; while :; do i=$((i+1)); echo \"line $i\"; sleep 0.005; done'",
                "shell: true",
                "stdout_max_bytes: 2KB",
                "stdout_backups: 3",
                ""));
        started("talker");
        Path log = dir.stateDir().resolve("logs").resolve("talker.out.log");
        Path firstBackup = backup(log, 1);
        Awaitility.await("a first rotation").atMost(WITHIN).until(() -> Files.exists(firstBackup));
        // every request worker the server may start exists before counting: a follower must add none
        for (int i = 0; i < 40; i++) {
            RawClient.exchange(dir.port(), "KEEPER/2\nline: status\n");
        }
        int threads = threads(server.pid());

        List<Process> followers = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Path output = temp.resolve("follow-" + i + ".out");
                outputs.add(output);
                followers.add(new ProcessBuilder(Distribution.bin("keeper").toString(), "logs", "talker", "-f", "on",
                        server.host()).redirectOutput(output.toFile()).redirectErrorStream(true).start());
            }
            String rotated = read(firstBackup);
            Awaitility.await("the followers see lines written after a rotation").atMost(WITHIN).until(() ->
                    !read(firstBackup).equals(rotated) && outputs.stream().allMatch(output ->
                            lastNumber(read(output)) > lastNumber(read(firstBackup))));
            for (Path output : outputs) {
                assertIncreasing(read(output));
            }
            assertTrue(threads(server.pid()) <= threads, "three followers cost no thread");
        } finally {
            followers.forEach(Process::destroyForcibly);
        }
        for (Process follower : followers) {
            follower.waitFor();
        }
        Awaitility.await("the server lets the followers go").atMost(WITHIN)
                .until(() -> threads(server.pid()) <= threads && established(server.pid(), dir.port()) == 0);
        assertTrue(server.alive());
    }

    private static String printer(String prefix) {
        return "command: 'for i in $(seq 1 50); do echo \"" + prefix + " $i\"; done; printf \"oops \\033[31m\\n\" >&2;"
                + " exec sleep 1000'\nshell: true\n";
    }

    private static String numbered(String prefix, int from, int to) {
        StringBuilder lines = new StringBuilder();
        for (int i = from; i <= to; i++) {
            lines.append(prefix).append(' ').append(i).append('\n');
        }
        return lines.toString();
    }

    /** Every line once, in order: no line shown twice across the rotations followed. */
    private static void assertIncreasing(String output) {
        Matcher matcher = Pattern.compile("line (\\d+)\n").matcher(output);
        long previous = 0;
        while (matcher.find()) {
            long number = Long.parseLong(matcher.group(1));
            assertTrue(number > previous, "line " + number + " after line " + previous);
            previous = number;
        }
    }

    private static int threads(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring("Threads:".length()).strip());
            }
        }
        throw new IllegalStateException("no thread count for pid " + pid);
    }

    /** Connections on the server's {@code port} still open at its end: ESTABLISHED, or CLOSE_WAIT (peer gone, not closed). */
    private static long established(long pid, int port) throws IOException {
        String local = String.format(":%04X", port);
        return Files.readAllLines(Path.of("/proc/" + pid + "/net/tcp")).stream()
                .map(line -> line.strip().split("\\s+"))
                .filter(fields -> fields[1].endsWith(local) && (fields[3].equals("01") || fields[3].equals("08")))
                .count();
    }

    private static CliResult ok(CliResult result) {
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }

    private static long pid(CliResult result) {
        return pid(result.text());
    }

    private static long pid(String reply) {
        Matcher matcher = PID.matcher(reply);
        assertTrue(matcher.find(), reply);
        return Long.parseLong(matcher.group(1));
    }

    private long started(String name) {
        CliResult result = server.keeper("start", name);
        assertEquals(0, result.exitCode(), result.toString());
        Matcher matcher = PID.matcher(result.text());
        assertTrue(matcher.find(), result.toString());
        long pid = Long.parseLong(matcher.group(1));
        children.add(pid);
        return pid;
    }

    private static Path backup(Path log, int n) {
        return log.resolveSibling(log.getFileName() + "." + n);
    }

    private static long lastNumber(String text) {
        Matcher matcher = Pattern.compile("line (\\d+)\n").matcher(text);
        long last = 0;
        while (matcher.find()) {
            last = Long.parseLong(matcher.group(1));
        }
        return last;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
