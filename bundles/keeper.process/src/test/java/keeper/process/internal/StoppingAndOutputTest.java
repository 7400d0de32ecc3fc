package keeper.process.internal;

import static keeper.process.internal.SpecBuilder.shell;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import keeper.api.Refusal;
import keeper.api.StopResult;

class StoppingAndOutputTest extends SupervisorTestBase {

    private static final Duration DEADLINE = Duration.ofSeconds(5);

    @Test
    void theChildLeadsItsOwnSessionAndProcessGroup() {
        config.put(SpecBuilder.sleeper(config, "web"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("web"));
        long pid = pidOf(supervisor, "web");

        // setsid(2) runs a moment after the spawn returns: wait for it, then check both ids
        String self = Long.toString(pid);
        await().atMost(DEADLINE).until(() -> groupAndSession(pid), List.of(self, self)::equals);
    }

    @Test
    void stopEndsTheWholeProcessTree() {
        config.put(shell(config, "tree", "sleep 300 & wait"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("tree"));
        long shellPid = pidOf(supervisor, "tree");
        long sleepPid = await().atMost(DEADLINE).until(() -> ProcessHandle.of(shellPid).orElseThrow().children()
                .mapToLong(ProcessHandle::pid).findFirst().orElse(0), pid -> pid != 0);

        ok(supervisor.stop("tree"));
        assertTrue(gone(shellPid), "sh still runs");
        await().atMost(DEADLINE).until(() -> gone(sleepPid));
    }

    @Test
    void stopReachesAGrandchildThatLeftTheTreeButNotTheGroup() throws IOException {
        config.put(shell(config, "daemonizer", "(sleep 300 & echo $! > orphan.pid); exec sleep 300"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("daemonizer"));
        long pid = pidOf(supervisor, "daemonizer");
        Path pidFile = config.loadPath().resolve("orphan.pid");
        await().atMost(DEADLINE).until(() -> Files.exists(pidFile) && Files.readString(pidFile).endsWith("\n"));
        long orphan = Long.parseLong(Files.readString(pidFile).trim());
        assertTrue(ProcessHandle.of(pid).orElseThrow().descendants().noneMatch(p -> p.pid() == orphan));

        try {
            ok(supervisor.stop("daemonizer"));
            await().atMost(DEADLINE).until(() -> gone(orphan));
        } finally {
            ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aChildIgnoringSigtermIsKilledAfterItsStopTimeout() {
        config.put(shell(config, "stubborn", "trap '' TERM; echo ready; sleep 300; true")
                .stopTimeout(Duration.ofMillis(700)).stdout(Path.of("stubborn.log"), false));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("stubborn"));
        long pid = pidOf(supervisor, "stubborn");
        Path log = config.loadPath().resolve("stubborn.log");
        await().atMost(DEADLINE).until(() -> Files.readString(log).equals("ready\n"));

        long before = System.nanoTime();
        StopResult stopped = ok(supervisor.stop("stubborn")).stop();
        Duration took = Duration.ofNanos(System.nanoTime() - before);

        assertEquals(new StopResult(pid, StopResult.End.KILLED_AFTER_TIMEOUT, 128 + 9, stopped.elapsed(),
                Duration.ofMillis(700), 0, List.of()), stopped);
        assertEquals("KILL", stopped.signal());
        assertTrue(took.compareTo(Duration.ofMillis(650)) >= 0, "SIGKILL came after " + took);
        assertTrue(gone(pid));
        assertEquals(128 + 9, supervisor.status().get(0).exitCode());
    }

    /** Fields 5 and 6 of /proc/PID/stat: the process group and the session. */
    private static List<String> groupAndSession(long pid) throws IOException {
        String[] stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat")).replaceFirst(".*\\) ", "")
                .split(" ");
        return List.of(stat[2], stat[3]);
    }

    @Test
    void createTruncatesTheOutputFile() throws IOException {
        Path out = Files.writeString(config.loadPath().resolve("create.log"), "old line\n");
        config.put(shell(config, "writer", "echo fresh").stdout(Path.of("create.log"), false));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("writer"));

        await().atMost(DEADLINE).until(() -> Files.readString(out).equals("fresh\n"));
    }

    @Test
    void appendKeepsWhatTheFileHeld() throws IOException {
        Path out = Files.writeString(config.loadPath().resolve("append.log"), "old line\n");
        config.put(shell(config, "writer", "echo fresh").stdout(out, true));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("writer"));

        await().atMost(DEADLINE).until(() -> Files.readString(out).equals("old line\nfresh\n"));
    }

    @Test
    void outputGoesToDefaultLogFilesInTheStateDirectory() {
        config.put(shell(config, "talker", "echo to-out; echo to-err >&2"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("talker"));
        await().atMost(DEADLINE).until(() -> supervisor.status().get(0).exitCode() != null);
        ok(supervisor.start("talker"));
        await().atMost(DEADLINE).until(() -> supervisor.check("talker").isEmpty());

        Path logs = stateDir.resolve("logs");
        await().atMost(DEADLINE).until(() -> Files.readAllLines(logs.resolve("talker.out.log")),
                lines -> lines.equals(List.of("to-out", "to-out")));
        await().atMost(DEADLINE).until(() -> Files.readAllLines(logs.resolve("talker.err.log")),
                lines -> lines.equals(List.of("to-err", "to-err")));
    }

    @Test
    void anUnwritableOutputFileIsRefusedNamingIt() throws IOException {
        Path blocker = Files.writeString(config.loadPath().resolve("not-a-dir"), "");
        config.put(shell(config, "writer", "echo x").stdout(blocker.resolve("out.log"), false));
        ProcessSupervisor supervisor = newSupervisor();

        String detail = refused(supervisor.start("writer"), Refusal.Reason.SPAWN_FAILED);
        assertTrue(detail.startsWith("cannot open stdout file " + blocker.resolve("out.log")), detail);
    }
}
