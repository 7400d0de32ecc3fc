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
import keeper.api.Refusal;
import keeper.api.ServerInfo;
import keeper.api.StopResult;

class CommandsTest extends SupervisorTestBase {

    @Test
    void startRunsTheChildAndStopEndsIt() {
        config.put(sleeper(config, "web"));
        ProcessSupervisor supervisor = newSupervisor();

        Outcome started = ok(supervisor.start("web"));
        long pid = pidOf(supervisor, "web");
        assertEquals(pid, started.pid());
        assertEquals(Outcome.Action.START, started.action());
        assertEquals("web", started.child());
        // The JDK's spawn helper may not have exec'd sleep yet when start returns.
        await().atMost(Duration.ofSeconds(5)).until(
                () -> ProcessHandle.of(pid).orElseThrow().info().commandLine().orElse("").contains("sleep 300"));

        Outcome stopped = ok(supervisor.stop("web"));
        assertEquals(pid, stopped.stop().pid());
        assertEquals(StopResult.End.TERMINATED, stopped.stop().end());
        assertEquals("TERM", stopped.stop().signal());
        assertEquals(128 + 15, stopped.stop().exitCode());
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

        assertEquals(pid, already(supervisor.start("web")).pid());
        assertEquals(pid, pidOf(supervisor, "web"));
    }

    @Test
    void startOfAnUnknownChildNamesTheLoadPaths() {
        ProcessSupervisor supervisor = newSupervisor();
        assertEquals(config.loadPath().toString(), refused(supervisor.start("nope"), Refusal.Reason.UNKNOWN_CHILD));
    }

    @Test
    void startOfABrokenChildFileNamesFileAndField() {
        config.breakChild("web", "must not be empty");
        ProcessSupervisor supervisor = newSupervisor();
        assertEquals(config.loadPath().resolve("web.yml") + ":2: field 'command': must not be empty",
                refused(supervisor.start("web"), Refusal.Reason.INVALID_CONFIG));
    }

    @Test
    void aRunningChildWhoseFileBrokeCanStillBeStopped() {
        config.put(sleeper(config, "web"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("web"));
        long pid = pidOf(supervisor, "web");
        config.breakChild("web", "a typo");

        Outcome restart = supervisor.restart("web");
        assertTrue(refused(restart, Refusal.Reason.INVALID_CONFIG).contains("a typo"), restart::toString);
        assertEquals(pid, restart.pid(), "the refusal names the process left alone");
        assertEquals(pid, pidOf(supervisor, "web"));

        assertEquals(pid, ok(supervisor.stop("web")).stop().pid());
        assertTrue(gone(pid));
    }

    @Test
    void aNameThatIsAPathIsRefused() {
        ProcessSupervisor supervisor = newSupervisor();
        assertEquals("../etc/passwd", refused(supervisor.start("../etc/passwd"), Refusal.Reason.INVALID_NAME));
    }

    @Test
    void aConfigReaderFailingUnexpectedlyIsRefusedWithoutItsExceptionInTheReply() {
        config.failReading("web", new IllegalStateException("reader bug"));
        ProcessSupervisor supervisor = newSupervisor();
        assertNull(refused(supervisor.start("web"), Refusal.Reason.INVALID_CONFIG), "the reply words it, the log has it");
        assertEquals(List.of(), supervisor.check(null));
    }

    @Test
    void aMissingProgramIsRefusedBeforeAnythingRuns() {
        config.put(child(config, "ghost", "no-such-program-here", "x"));
        ProcessSupervisor supervisor = newSupervisor();
        String detail = refused(supervisor.start("ghost"), Refusal.Reason.SPAWN_FAILED);
        assertTrue(detail.startsWith("program 'no-such-program-here' not found in PATH"), detail);
        assertEquals(List.of(), supervisor.check(null));
        assertEquals(ChildState.FATAL, supervisor.status().get(0).state(), "a child that cannot be spawned is FATAL");
    }

    @Test
    void restartReplacesTheProcessAndIsRefusedWhenNotRunning() {
        config.put(sleeper(config, "web"));
        ProcessSupervisor supervisor = newSupervisor();
        refused(supervisor.restart("web"), Refusal.Reason.NOT_RUNNING);

        ok(supervisor.start("web"));
        long first = pidOf(supervisor, "web");
        Outcome restarted = ok(supervisor.restart("web"));
        long second = pidOf(supervisor, "web");
        assertNotEquals(first, second);
        assertTrue(gone(first));
        assertEquals(first, restarted.stop().pid());
        assertEquals(second, restarted.pid());
    }

    @Test
    void tryStartStartsOrRestarts() {
        config.put(sleeper(config, "web"));
        ProcessSupervisor supervisor = newSupervisor();

        assertNull(ok(supervisor.tryStart("web")).stop(), "it was not running: nothing stopped");
        long first = pidOf(supervisor, "web");
        assertEquals(first, ok(supervisor.tryStart("web")).stop().pid(), "it was running: stopped first");
        assertNotEquals(first, pidOf(supervisor, "web"));
        assertTrue(gone(first));
    }

    @Test
    void stopOfAStoppedChildIsRefused() {
        config.put(sleeper(config, "web"));
        ProcessSupervisor supervisor = newSupervisor();
        already(supervisor.stop("web"));
        refused(supervisor.stop("nope"), Refusal.Reason.UNKNOWN_CHILD);
    }

    @Test
    void stopAllStopsEveryRunningChildAndSaysSo() {
        config.put(sleeper(config, "a")).put(sleeper(config, "b")).put(sleeper(config, "c"));
        ProcessSupervisor supervisor = newSupervisor();
        assertEquals(List.of(), ok(supervisor.stopAll()).children());
        ok(supervisor.start("a"));
        ok(supervisor.start("b"));
        long a = pidOf(supervisor, "a");
        long b = pidOf(supervisor, "b");

        List<Outcome> stopped = ok(supervisor.stopAll()).children();
        assertEquals(List.of("a", "b"), stopped.stream().map(Outcome::child).toList());
        assertEquals(List.of(a, b), stopped.stream().map(outcome -> outcome.stop().pid()).toList());
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

        Outcome outcome = supervisor.startAll();
        assertEquals(Outcome.Kind.REFUSED, outcome.kind());
        List<Outcome> each = outcome.children();
        assertEquals(4, each.size(), outcome::toString);
        assertEquals(pidOf(supervisor, "a"), ok(each.get(0)).pid());
        assertEquals(b, already(each.get(1)).pid());
        assertEquals(pidOf(supervisor, "c"), ok(each.get(2)).pid());
        assertEquals(config.loadPath().resolve("d.yml") + ":2: field 'command': is not a string",
                refused(each.get(3), Refusal.Reason.INVALID_CONFIG));
        assertEquals(b, pidOf(supervisor, "b"));

        config.breakChild("d", "still broken").put(sleeper(config, "d"));
        assertEquals(Outcome.Kind.DONE, ok(supervisor.startAll()).children().get(3).kind());
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
    void checkListsRunningChildrenAndKeepsTheFactsOfExitedOnes() {
        config.put(child(config, "once", "true")).put(sleeper(config, "web"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("once"));
        ok(supervisor.start("web"));
        ok(supervisor.stop("web"));

        await().atMost(Duration.ofSeconds(5))
                .until(() -> supervisor.status().get(0).state() == ChildState.EXITED);
        assertEquals(List.of(), supervisor.check(null));
        ChildStatus once = supervisor.status().get(0);
        assertEquals(ChildState.EXITED, once.state());
        assertEquals(0, once.exitCode());
        ChildStatus web = supervisor.status().get(1);
        assertEquals(ChildState.STOPPED, web.state());
        assertEquals(0, web.pid(), "a child stopped by command is forgotten by check");
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

    @Test
    void startAllReadsEachChildsFileOnce() {
        int children = 20;
        for (int i = 0; i < children; i++) {
            config.put(sleeper(config, "child" + i));
        }
        ProcessSupervisor supervisor = newSupervisor();
        int before = config.reads();

        ok(supervisor.startAll());

        assertEquals(children, config.reads() - before);
    }
}
