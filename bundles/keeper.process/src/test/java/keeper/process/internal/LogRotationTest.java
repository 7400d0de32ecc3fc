package keeper.process.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import keeper.api.LogRotation;
import keeper.api.Rotation;

/** Rotation of a running child's files: the child keeps writing, at the start of the emptied file. */
class LogRotationTest extends SupervisorTestBase {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Test
    void aRotatedCreateModeFileIsWrittenFromItsNewStartWithoutAHole() throws IOException {
        config.put(SpecBuilder.shell(config, "chatty", "while :; do echo line; sleep 0.01; done")
                .stdout(Path.of("chatty.log"), false)
                .logRotation(new LogRotation(new Rotation(200, 2), Rotation.DEFAULT)));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("chatty"));
        Path log = config.loadPath().resolve("chatty.log");
        await().atMost(DEADLINE).until(() -> Files.size(log) >= 200);

        LogRotationTask rotation = new LogRotationTask(supervisor::status, stateDir, new SupervisorThreads());
        rotation.rotateDue();
        assertTrue(Files.size(CopyTruncate.backup(log, 1)) >= 200);
        await().atMost(DEADLINE).until(() -> Files.size(log) > 0);
        // with a writer left at its old offset, the file would start with a hole of NUL bytes
        await().atMost(DEADLINE).until(() -> Files.readString(log).startsWith("line\n"));
        assertFalse(Files.readString(log).contains("\0"));
        assertTrue(Files.readString(CopyTruncate.backup(log, 1)).startsWith("line\n"));
    }

    @Test
    void aFileThatStdoutAndStderrShareIsRotatedOncePerRoundByStdoutsRule() throws IOException {
        config.put(SpecBuilder.shell(config, "both", "echo out; echo err >&2; exec sleep 300")
                .stdout(Path.of("both.log"), true).stderr(Path.of("both.log"), true)
                .logRotation(new LogRotation(new Rotation(1, 3), new Rotation(0, 0))));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("both"));
        Path log = config.loadPath().resolve("both.log");
        await().atMost(DEADLINE).until(() -> Files.readString(log).contains("err\n"));

        new LogRotationTask(supervisor::status, stateDir, new SupervisorThreads()).rotateDue();
        assertTrue(Files.readString(CopyTruncate.backup(log, 1)).contains("out\n"));
        assertFalse(Files.exists(CopyTruncate.backup(log, 2)), "rotated once");
        assertTrue(Files.readString(log).isEmpty());
    }

    @Test
    void aQuietFileIsLookedAtLessAndLessOftenAGrowingOneEverySecondARestartedChildsAtOnce() throws IOException {
        config.put(SpecBuilder.shell(config, "quiet", "exec sleep 300").stdout(Path.of("quiet.log"), true));
        config.put(SpecBuilder.shell(config, "busy", "exec sleep 300").stdout(Path.of("busy.log"), true));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("quiet"));
        ok(supervisor.start("busy"));
        Path quiet = config.loadPath().resolve("quiet.log");
        Path busy = config.loadPath().resolve("busy.log");
        Map<Path, Integer> looks = new ConcurrentHashMap<>();
        AtomicLong now = new AtomicLong();
        LogRotationTask rotation = new LogRotationTask(supervisor::status, stateDir, new SupervisorThreads(), file -> {
            looks.merge(file, 1, Integer::sum);
            return Files.size(file);
        }, now::get);
        supervisor.subscribe(rotation::changed);

        for (int second = 0; second < 60; second++) {
            Files.writeString(busy, "more\n", StandardOpenOption.APPEND);
            rotation.rotateDue();
            now.addAndGet(LogRotationTask.PERIOD.toNanos());
        }
        assertEquals(60, looks.get(busy), "a growing file: every second");
        // waits of 1, 2, 4, 8, then 10 s, each looked at up to 1 s early in the rounds the busy file causes:
        // at 0, 1, 2, 5, 12, 21, 30, 39, 48 and 57 s
        assertEquals(10, looks.get(quiet), "a quiet file: waits twice as long each time, up to 10 s");

        ok(supervisor.restart("quiet"));
        rotation.rotateDue();
        assertEquals(11, looks.get(quiet), "a restarted child's files are looked at in the next round");
    }
}
