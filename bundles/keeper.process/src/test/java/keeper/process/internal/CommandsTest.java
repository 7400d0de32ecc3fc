package keeper.process.internal;

import static keeper.process.internal.SpecBuilder.child;
import static keeper.process.internal.SpecBuilder.sleeper;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import keeper.api.ChildState;
import keeper.api.ChildStatus;
import keeper.api.Outcome;
import keeper.api.ServerInfo;

class CommandsTest extends SupervisorTestBase {

    @Test
    void startRunsTheChildAndStopEndsIt() {
        config.put(sleeper(config, "web"));
        ProcessSupervisor supervisor = newSupervisor();

        Outcome started = ok(supervisor.start("web"));
        long pid = pidOf(supervisor, "web");
        assertEquals("web started (pid " + pid + ")", started.message());
        // The JDK's spawn helper may not have exec'd sleep yet when start returns.
        await().atMost(Duration.ofSeconds(5)).until(
                () -> ProcessHandle.of(pid).orElseThrow().info().commandLine().orElse("").contains("sleep 300"));

        Outcome stopped = ok(supervisor.stop("web"));
        assertTrue(stopped.message().startsWith("web stopped (pid " + pid + ", SIGTERM"), stopped.message());
        assertTrue(gone(pid));
        ChildStatus status = supervisor.status().get(0);
        assertEquals(ChildState.STOPPED, status.state());
        assertEquals(128 + 15, status.exitCode());
        assertEquals(pid, status.pid());
        assertEquals(List.of(), supervisor.check("web"));
    }

    @Test
    void startOfARunningChildIsRefused() {
        config.put(sleeper(config, "web"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("web"));
        long pid = pidOf(supervisor, "web");

        assertEquals("web is already running (pid " + pid + ")", refused(supervisor.start("web")).message());
        assertEquals(pid, pidOf(supervisor, "web"));
    }

    @Test
    void startOfAnUnknownChildNamesTheLoadPaths() {
        ProcessSupervisor supervisor = newSupervisor();
        String message = refused(supervisor.start("nope")).message();
        assertEquals("no child named 'nope' in the load paths (" + config.loadPath() + ")", message);
    }

    @Test
    void startOfABrokenChildFileNamesFileAndField() {
        config.breakChild("web", "must not be empty");
        ProcessSupervisor supervisor = newSupervisor();
        String message = refused(supervisor.start("web")).message();
        assertEquals(config.loadPath().resolve("web.yml") + ":2: field 'command': must not be empty", message);
    }

    @Test
    void aRunningChildWhoseFileBrokeCanStillBeStopped() {
        config.put(sleeper(config, "web"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("web"));
        long pid = pidOf(supervisor, "web");
        config.breakChild("web", "a typo");

        String restart = refused(supervisor.restart("web")).message();
        assertTrue(restart.contains("a typo") && restart.contains("pid " + pid + ") was left alone"), restart);
        assertEquals(pid, pidOf(supervisor, "web"));

        String stopped = ok(supervisor.stop("web")).message();
        assertTrue(stopped.startsWith("web stopped (pid " + pid), stopped);
        assertTrue(gone(pid));
    }

    @Test
    void aNameThatIsAPathIsRefused() {
        ProcessSupervisor supervisor = newSupervisor();
        assertTrue(refused(supervisor.start("../etc/passwd")).message().contains("is not a child name"));
    }

    @Test
    void aMissingProgramIsRefusedBeforeAnythingRuns() {
        config.put(child(config, "ghost", "no-such-program-here", "x"));
        ProcessSupervisor supervisor = newSupervisor();
        String message = refused(supervisor.start("ghost")).message();
        assertTrue(message.startsWith("ghost not started: program 'no-such-program-here' not found in PATH"), message);
        assertEquals(List.of(), supervisor.check(null));
    }

    @Test
    void restartReplacesTheProcessAndIsRefusedWhenNotRunning() {
        config.put(sleeper(config, "web"));
        ProcessSupervisor supervisor = newSupervisor();
        assertEquals("web is not running; use 'start web'", refused(supervisor.restart("web")).message());

        ok(supervisor.start("web"));
        long first = pidOf(supervisor, "web");
        String message = ok(supervisor.restart("web")).message();
        long second = pidOf(supervisor, "web");
        assertNotEquals(first, second);
        assertTrue(gone(first));
        assertTrue(message.endsWith("web restarted (pid " + second + ")"), message);
    }

    @Test
    void tryStartStartsOrRestarts() {
        config.put(sleeper(config, "web"));
        ProcessSupervisor supervisor = newSupervisor();

        assertTrue(ok(supervisor.tryStart("web")).message().endsWith("by trystart: it was not running"));
        long first = pidOf(supervisor, "web");
        assertTrue(ok(supervisor.tryStart("web")).message().endsWith("by trystart: it was running"));
        assertNotEquals(first, pidOf(supervisor, "web"));
        assertTrue(gone(first));
    }

    @Test
    void stopOfAStoppedChildIsRefused() {
        config.put(sleeper(config, "web"));
        ProcessSupervisor supervisor = newSupervisor();
        assertEquals("web is not running", refused(supervisor.stop("web")).message());
        assertTrue(refused(supervisor.stop("nope")).message().startsWith("no child named 'nope'"));
    }

    @Test
    void stopAllStopsEveryRunningChildAndSaysSo() {
        config.put(sleeper(config, "a")).put(sleeper(config, "b")).put(sleeper(config, "c"));
        ProcessSupervisor supervisor = newSupervisor();
        assertEquals("no child was running", ok(supervisor.stopAll()).message());
        ok(supervisor.start("a"));
        ok(supervisor.start("b"));
        long a = pidOf(supervisor, "a");
        long b = pidOf(supervisor, "b");

        String[] lines = ok(supervisor.stopAll()).message().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("a stopped (pid " + a), lines[0]);
        assertTrue(lines[1].startsWith("b stopped (pid " + b), lines[1]);
        assertTrue(gone(a) && gone(b));
        assertEquals(List.of(), supervisor.check(null));
    }

    @Test
    void startAllStartsWhatIsNotRunningAndListsEveryChild() {
        config.put(sleeper(config, "a")).put(sleeper(config, "b")).put(sleeper(config, "c"))
                .breakChild("d", "is not a string");
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("b"));
        long b = pidOf(supervisor, "b");

        Outcome outcome = refused(supervisor.startAll());
        String[] lines = outcome.message().split("\n");
        assertEquals(4, lines.length, outcome.message());
        assertEquals("a started (pid " + pidOf(supervisor, "a") + ")", lines[0]);
        assertEquals("b is already running (pid " + b + ")", lines[1]);
        assertEquals("c started (pid " + pidOf(supervisor, "c") + ")", lines[2]);
        assertEquals(config.loadPath().resolve("d.yml") + ":2: field 'command': is not a string", lines[3]);
        assertEquals(b, pidOf(supervisor, "b"));

        config.breakChild("d", "still broken").put(sleeper(config, "d"));
        assertTrue(ok(supervisor.startAll()).message().contains("d started"));
    }

    @Test
    void statusListsConfiguredAndKnownChildrenSorted() {
        config.put(sleeper(config, "b")).put(sleeper(config, "a"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("b"));

        List<ChildStatus> status = supervisor.status();
        assertEquals(List.of("a", "b"), status.stream().map(ChildStatus::name).toList());
        assertEquals(ChildState.STOPPED, status.get(0).state());
        assertEquals(0, status.get(0).pid());
        assertEquals(ChildState.RUNNING, status.get(1).state());
        assertEquals("sleep 300", status.get(1).spec().command());
    }

    @Test
    void checkDropsChildrenThatExited() {
        config.put(child(config, "once", "true"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("once"));

        await().atMost(Duration.ofSeconds(5))
                .until(() -> supervisor.status().get(0).state() == ChildState.EXITED);
        assertEquals(0, supervisor.status().get(0).exitCode());
        assertEquals(List.of(), supervisor.check(null));
    }

    @Test
    void infoNamesVersionServerAndRunningChildren() {
        config.put(sleeper(config, "web")).put(sleeper(config, "db"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("web"));

        ServerInfo info = supervisor.info();
        assertEquals("test-version", info.version());
        assertEquals(ProcessHandle.current().pid(), info.pid());
        assertEquals(List.of("web"), info.running());
        assertEquals(List.of(config.loadPath()), info.config().loadPaths());

        config.breakServer("unknown mode 'loud'");
        assertNull(supervisor.info().config());
    }
}
