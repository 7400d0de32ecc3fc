package keeper.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

import keeper.itests.harness.CliResult;
import keeper.itests.harness.Proc;
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
