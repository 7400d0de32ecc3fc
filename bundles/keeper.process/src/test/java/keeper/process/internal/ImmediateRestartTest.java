package keeper.process.internal;

import static keeper.process.internal.SpecBuilder.shell;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import keeper.api.AutoRestart;
import keeper.api.ChildState;
import keeper.api.ChildStatus;
import keeper.api.StopResult;

/**
 * A crash of an {@code autorestart: always} child is restarted by the spawn helper before the server hears of it (with
 * the JDK spawner, by the server): either way the engine shows the usual transitions with the new pid, a stop wins over
 * the restart, and a changed file takes effect at the restart.
 */
class ImmediateRestartTest extends SupervisorTestBase {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    /** Long enough a run for the helper's respawn (startsecs plus its margin). */
    private static final Duration STARTED = Duration.ofMillis(300);

    @Test
    void aCrashIsRestartedWithTheUsualTransitionsAndTheNewPid() {
        config.put(alwaysSleeper("web"));
        ProcessSupervisor supervisor = newSupervisor();
        List<Transition> seen = new CopyOnWriteArrayList<>();
        supervisor.subscribe(seen::add);
        ok(supervisor.start("web"));
        long first = pidOf(supervisor, "web");
        awaitStarted(supervisor);
        seen.clear();

        ProcessHandle.of(first).orElseThrow().destroyForcibly();

        ChildStatus restarted = await().atMost(DEADLINE).until(() -> supervisor.status().get(0),
                status -> status.state() == ChildState.RUNNING && status.pid() != first);
        assertEquals(1, restarted.restarts());
        assertTrue(running(supervisor, "web"));
        assertEquals(List.of(ChildState.BACKOFF, ChildState.STARTING, ChildState.RUNNING),
                seen.stream().map(Transition::state).toList());
        assertEquals(restarted.pid(), seen.get(2).pid());
        assertEquals(List.of(restarted.pid()), marked("web"), "one process runs as web");
        assertEquals(2, starts("web"), "restarted once, not by the helper and by the server");
    }

    @Test
    void aStopOfAChildThatCrashedJustBeforeLeavesNothingRunning() {
        config.put(alwaysSleeper("web"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("web"));
        long first = pidOf(supervisor, "web");
        awaitStarted(supervisor);

        ProcessHandle.of(first).orElseThrow().destroyForcibly();
        ok(supervisor.stop("web"));

        assertEquals(ChildState.STOPPED, supervisor.status().get(0).state());
        assertEquals(List.of(), marked("web"), "no restart outlived the stop");
    }

    @Test
    void aStopDisarmsTheRestartBeforeItsSignal() {
        config.put(alwaysSleeper("web"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("web"));
        long first = pidOf(supervisor, "web");
        awaitStarted(supervisor);
        StopResult stopped = ok(supervisor.stop("web")).stop();

        assertEquals(first, stopped.pid());
        assertEquals(0, stopped.leftovers(), "no process of web was spawned again for the stop to end");

        assertEquals(ChildState.STOPPED, supervisor.status().get(0).state());
        assertEquals(List.of(), marked("web"));
        assertEquals(1, starts("web"), "the stopped child was not spawned again");
    }

    @Test
    void aChangedFileTakesEffectAtTheRestart() throws IOException {
        config.put(alwaysSleeper("web").environment(Map.of("COLOUR", "red")));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("web"));
        long first = pidOf(supervisor, "web");
        awaitStarted(supervisor);

        config.put(alwaysSleeper("web").environment(Map.of("COLOUR", "blue")));
        ProcessHandle.of(first).orElseThrow().destroyForcibly();

        ChildStatus restarted = await().atMost(DEADLINE).until(() -> supervisor.status().get(0),
                status -> status.state() == ChildState.RUNNING && status.pid() != first);
        assertTrue(environment(restarted.pid()).contains("COLOUR=blue"), "the new file's environment");
        await().atMost(DEADLINE).until(() -> marked("web").equals(List.of(restarted.pid())));
    }

    /** A child that says each start in its log, then sleeps. */
    private SpecBuilder alwaysSleeper(String name) {
        return shell(config, name, "echo started; exec sleep 300").stdout(log(name), true)
                .autoRestart(AutoRestart.ALWAYS, 3).startSecs(Duration.ofMillis(100));
    }

    private Path log(String name) {
        return dir.resolve(name + ".log");
    }

    /** How many processes of {@code name} ever ran (each says so in the log once). */
    private long starts(String name) {
        try {
            return Files.readAllLines(log(name)).stream().filter("started"::equals).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Waits until the child's process has run {@link #STARTED} by the kernel's clock (the helper's is as monotonic). */
    private static void awaitStarted(ProcessSupervisor supervisor) {
        long pid = supervisor.status().get(0).pid();
        await().atMost(DEADLINE).until(() -> ranFor(pid).compareTo(STARTED) > 0);
    }

    /** How long {@code pid} has run: /proc/uptime less its start time in /proc/PID/stat (clock ticks of 10 ms). */
    private static Duration ranFor(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        long startTicks = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19]);
        double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
        return Duration.ofMillis((long) (uptime * 1000) - startTicks * 10);
    }

    /** The live processes carrying this test's mark for {@code child}. */
    private List<Long> marked(String child) {
        String mark = ChildMarks.CHILD + "=" + child;
        return ProcessHandle.allProcesses().map(ProcessHandle::pid).filter(pid -> !gone(pid))
                .filter(pid -> environment(pid).contains(ChildMarks.SERVER + "=" + serverId)
                        && environment(pid).contains(mark))
                .toList();
    }

    private static List<String> environment(long pid) {
        try {
            return List.of(new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")),
                    StandardCharsets.UTF_8).split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }
}
