package keeper.itests;

import static keeper.itests.ProcessControlTest.ok;
import static keeper.itests.ProcessControlTest.pid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.itests.harness.Proc;
import keeper.itests.harness.ServerDir;
import keeper.itests.harness.ServerProcess;

/**
 * Issue 15: signals to a real {@code bin/keeper-server} and its own log file in the state directory.
 * SIGHUP re-reads the configuration and logs it (the server stays up, its children keep their pids);
 * SIGTERM stops it and says so; the log rotates at its size limit.
 */
class ServerSignalsTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    private ServerDir dir;
    private ServerProcess server;

    @AfterEach
    void stopServerAndChildren() {
        if (server != null) {
            server.close();
        }
        Proc.killAll(dir.sleeper("web"));
    }

    @Test
    void sighupRereadsTheConfigurationLogsItAndTheServerKeepsItsChildren() {
        dir = ServerDir.create(temp);
        dir.sleeperChild("web", "");
        server = dir.start();
        long web = pid(ok(server.keeper("start", "web")));
        Path broken = dir.child("broken", "command: x\nstopsignal: STOP\n");

        signal("HUP", server.pid());

        awaitLog("reload (SIGHUP): " + dir.serverYml() + ": mode quiet, 1 load path, 2 children (broken, web);"
                + " 1 child file has problems");
        awaitLog("reload (SIGHUP): problem: " + broken + ":2: field 'stopsignal'");
        assertTrue(server.output().contains("reload (SIGHUP): problem: " + broken), server.output());
        assertTrue(server.alive());
        assertTrue(ok(server.keeper("status")).stdout().contains(Long.toString(web)));
        assertTrue(Proc.alive(web));
    }

    @Test
    void sigtermStopsTheServerAndTheLogSaysWhy() {
        dir = ServerDir.create(temp);
        server = dir.start();
        awaitLog("keeper-server ready: listening on tcp://");
        assertTrue(log().contains("starting: pid " + server.pid() + ", boot id "), log());

        assertEquals(Optional.of(0), server.terminate(WITHIN));

        String log = log();
        assertTrue(log.contains("keeper-server stopping: SIGTERM"), log);
        assertTrue(log.contains("keeper-server stopped: SIGTERM"), log);
    }

    @Test
    void theKillCommandIsLoggedAsAStopFromInside() {
        dir = ServerDir.create(temp);
        server = dir.start();

        ok(server.keeper("kill"));

        assertEquals(Optional.of(0), server.awaitExit(WITHIN));
        assertTrue(log().contains("keeper-server stopped: the framework was stopped from inside (the kill command,"
                + " or stop 0 in the shell)"), log());
    }

    @Test
    void aServerThatCannotStartLogsWhyOnceOnStderrAndInItsLog() {
        dir = ServerDir.create(temp, "mode: aa\n");
        server = ServerProcess.launch(dir.serverYml(), dir.stateDir(), Map.of());

        assertEquals(Optional.of(1), server.awaitExit(WITHIN), server.output());

        assertEquals(1, server.output().split("field 'mode'", -1).length - 1, server.output());
        String log = log();
        assertTrue(log.contains("keeper-server cannot start: invalid server config:\n" + dir.serverYml()
                + ":4: field 'mode'"), log);
        assertTrue(log.contains("keeper-server stopped: fatal error (cannot start)"), log);
    }

    @Test
    void theServerLogRotatesAtItsSizeLimitKeepingItsBackups() throws IOException {
        dir = ServerDir.create(temp);
        server = ServerProcess.launch(dir.serverYml(), dir.stateDir(), Map.of("KEEPER_SERVER_OPTS",
                "-Dkeeper.server.log.max.bytes=1000 -Dkeeper.server.log.backups=2"));
        server.awaitReady();
        Path logs = dir.stateDir().resolve("logs");

        // until the oldest backup holds reload lines, however many bytes the start-up lines took
        Awaitility.await("two rotations of reload lines").atMost(WITHIN).pollInterval(Duration.ofMillis(100)).until(() -> {
            signal("HUP", server.pid());
            Path oldest = logs.resolve("keeper-server.log.2");
            return Files.exists(oldest) && Files.readString(oldest).contains("reload (SIGHUP)");
        });
        signal("HUP", server.pid());
        signal("HUP", server.pid());
        awaitLog("reload (SIGHUP)");

        assertFalse(Files.exists(logs.resolve("keeper-server.log.3")), "only two backups are kept");
        for (String name : List.of("keeper-server.log", "keeper-server.log.1", "keeper-server.log.2")) {
            assertTrue(Files.size(logs.resolve(name)) <= 1000, name + " is within the limit");
        }
        assertTrue(Files.readString(logs.resolve("keeper-server.log.2")).contains("reload (SIGHUP)"));
        assertTrue(server.alive());
    }

    private void awaitLog(String text) {
        Awaitility.await("server log to contain '" + text + "'").atMost(WITHIN).pollInterval(Duration.ofMillis(25))
                .until(() -> log().contains(text));
    }

    private String log() {
        try {
            Path file = dir.stateDir().resolve("logs/keeper-server.log");
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Java sends only SIGTERM and SIGKILL: kill(1) sends the others, to the test's own server by pid. */
    private static void signal(String name, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(pid)).inheritIO().start();
            assertEquals(0, kill.waitFor(), "kill -s " + name + " " + pid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
