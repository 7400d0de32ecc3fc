package keeper.process.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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
}
