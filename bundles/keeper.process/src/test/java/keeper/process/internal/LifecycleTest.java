package keeper.process.internal;

import static keeper.process.internal.SpecBuilder.shell;
import static keeper.process.internal.SpecBuilder.sleeper;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import keeper.api.AutoRestart;
import keeper.api.ChildState;
import keeper.api.ChildStatus;
import keeper.api.Outcome;
import keeper.api.StopResult;

class LifecycleTest extends SupervisorTestBase {

    private static final Duration DEADLINE = Duration.ofSeconds(5);

    @Test
    void alwaysRestartsAChildKilledBySigkill() {
        config.put(sleeper(config, "web").autoRestart(AutoRestart.ALWAYS, 3));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("web"));
        long first = pidOf(supervisor, "web");

        ProcessHandle.of(first).orElseThrow().destroyForcibly();

        ChildStatus restarted = await().atMost(DEADLINE).until(() -> supervisor.status().get(0),
                status -> status.state() == ChildState.RUNNING && status.pid() != first);
        assertEquals(1, restarted.restarts());
        assertTrue(gone(first));
        assertTrue(ProcessHandle.of(restarted.pid()).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void neverLeavesAKilledChildExited() {
        config.put(sleeper(config, "web"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("web"));
        long pid = pidOf(supervisor, "web");

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        ChildStatus exited = await().atMost(DEADLINE).until(() -> supervisor.status().get(0),
                status -> status.state() == ChildState.EXITED);
        assertEquals(128 + 9, exited.exitCode());
        assertEquals(0, exited.restarts());
    }

    @Test
    void aChildThatExitsAtOnceBecomesFatalAfterItsRetries() {
        config.put(shell(config, "crasher", "exit 3").autoRestart(AutoRestart.ALWAYS, 3));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("crasher"));

        ChildStatus fatal = await().atMost(DEADLINE).until(() -> supervisor.status().get(0),
                status -> status.state() == ChildState.FATAL);
        assertEquals(3, fatal.exitCode());
        assertEquals(2, fatal.restarts(), "first failure restarts at once, the second after 0.5 s, the third gives up");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                .until(() -> supervisor.status().get(0).equals(fatal));

        // a child that now stays up, so no automatic restart can race the read of the counters
        config.put(sleeper(config, "crasher").autoRestart(AutoRestart.ALWAYS, 3));
        ok(supervisor.start("crasher"));
        assertEquals(0, supervisor.status().get(0).restarts(), "a start by command resets the counters");
    }

    @Test
    void aRunShorterThanStartsecsIsAFailedStart() {
        // longer than the old fixed second, shorter than startsecs: still a start that failed
        config.put(shell(config, "slowcrash", "sleep 1.2; exit 3").startSecs(Duration.ofSeconds(5))
                .autoRestart(AutoRestart.ALWAYS, 2));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("slowcrash"));

        ChildStatus fatal = await().atMost(Duration.ofSeconds(10)).until(() -> supervisor.status().get(0),
                status -> status.state() == ChildState.FATAL);
        assertEquals(3, fatal.exitCode());
        assertEquals(1, fatal.restarts());
    }

    @Test
    void onFailureLeavesACleanExitAlone() {
        config.put(shell(config, "job", "exit 0").autoRestart(AutoRestart.ON_FAILURE, 3));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("job"));

        ChildStatus exited = await().atMost(DEADLINE).until(() -> supervisor.status().get(0),
                status -> status.state() == ChildState.EXITED);
        assertEquals(0, exited.exitCode());
        assertEquals(0, exited.restarts());
    }

    @Test
    void stopCancelsAPendingRestart() {
        config.put(shell(config, "crasher", "exit 1").autoRestart(AutoRestart.ALWAYS, 100));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("crasher"));
        // after the third quick failure the next restart waits 1 s: time enough to stop it in BACKOFF
        await().atMost(DEADLINE).until(() -> supervisor.status().get(0),
                status -> status.state() == ChildState.BACKOFF && status.restarts() >= 2);

        assertEquals(StopResult.End.RESTART_CANCELLED, ok(supervisor.stop("crasher")).stop().end());
        ChildStatus status = supervisor.status().get(0);
        assertEquals(ChildState.STOPPED, status.state());
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> supervisor.status().get(0).equals(status));
    }

    @Test
    void aSecondSupervisorReadoptsWhatTheFirstLeftRunning() throws IOException {
        config.put(sleeper(config, "web")).put(sleeper(config, "db"));
        ProcessSupervisor first = newSupervisor();
        ok(first.start("web"));
        ok(first.start("db"));
        ChildStatus web = first.check("web").get(0);
        long db = pidOf(first, "db");
        first.close();
        assertTrue(ProcessHandle.of(web.pid()).map(ProcessHandle::isAlive).orElse(false), "children outlive the server");
        ProcessHandle.of(db).orElseThrow().destroyForcibly();
        await().atMost(DEADLINE).until(() -> gone(db));
        Files.writeString(stateDir.resolve("run/children.tsv"), "impostor\t" + ProcessHandle.current().pid()
                + "\t" + Instant.EPOCH + "\n", java.nio.file.StandardOpenOption.APPEND);

        ProcessSupervisor second = newSupervisor();
        List<ChildStatus> running = second.check(null);
        assertEquals(1, running.size(), running.toString());
        assertEquals(web.pid(), running.get(0).pid());
        assertEquals(web.startedAt(), running.get(0).startedAt());

        assertEquals(web.pid(), ok(second.stop("web")).stop().pid());
        assertTrue(gone(web.pid()));
        List<String> saved = Files.readAllLines(stateDir.resolve("run/children.tsv"));
        assertEquals(List.of("#server\tpid " + ProcessHandle.current().pid() + " started " + second.info().startedAt()),
                saved);
    }

    @Test
    void aReadoptedChildThatDiesIsNoticed() {
        config.put(sleeper(config, "web").autoRestart(AutoRestart.ON_FAILURE, 3));
        ProcessSupervisor first = newSupervisor();
        ok(first.start("web"));
        long pid = pidOf(first, "web");
        first.close();
        ProcessSupervisor second = newSupervisor();
        assertEquals(pid, pidOf(second, "web"));

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        ChildStatus restarted = await().atMost(DEADLINE).until(() -> second.status().get(0),
                status -> status.state() == ChildState.RUNNING && status.pid() != pid);
        assertEquals(1, restarted.restarts(), "an unknown exit code counts as a failure");
    }

    @Test
    void aZombieIsNotReadopted() throws IOException {
        ProcessSupervisor first = newSupervisor();
        first.close();
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0.1 & echo $!; exec sleep 300").start();
        try {
            long zombie = Long.parseLong(parent.inputReader().readLine().trim());
            Instant started = ProcessHandle.of(zombie).orElseThrow().info().startInstant().orElseThrow();
            await().atMost(DEADLINE).until(() -> gone(zombie));
            Files.writeString(stateDir.resolve("run/children.tsv"), "ghost\t" + zombie + "\t" + started + "\n");

            assertEquals(List.of(), newSupervisor().check(null));
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void commandsOnOneChildAreSerialized() throws Exception {
        config.put(sleeper(config, "web"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("web"));
        long initial = pidOf(supervisor, "web");
        int callers = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                outcomes.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(go);
                    return supervisor.restart("web");
                }, pool));
            }
            go.countDown();
            Set<Long> stopped = new HashSet<>();
            Set<Long> started = new HashSet<>();
            for (CompletableFuture<Outcome> outcome : outcomes) {
                Outcome restarted = ok(outcome.get());
                stopped.add(restarted.stop().pid());
                started.add(restarted.pid());
            }
            long last = pidOf(supervisor, "web");
            Set<Long> expectedStopped = new HashSet<>(started);
            expectedStopped.remove(last);
            expectedStopped.add(initial);
            assertEquals(expectedStopped, stopped, "each restart stopped the process the one before it started");
            assertEquals(callers, started.size());
            started.stream().filter(pid -> pid != last).forEach(pid -> assertTrue(gone(pid), pid + " still runs"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void childrenOfDifferentNamesProceedInParallel() {
        config.put(shell(config, "slow", "trap 'echo term > got-term' TERM; echo > ready; while :; do sleep 0.1; done")
                .stopTimeout(Duration.ofMillis(1500)))
                .put(sleeper(config, "quick"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("slow"));
        ok(supervisor.start("quick"));
        await().atMost(DEADLINE).until(() -> Files.exists(config.loadPath().resolve("ready")));

        CompletableFuture<Outcome> slowStop = CompletableFuture.supplyAsync(() -> supervisor.stop("slow"));
        await().atMost(DEADLINE).until(() -> Files.exists(config.loadPath().resolve("got-term")));
        ok(supervisor.restart("quick"));
        assertTrue(!slowStop.isDone(), "restart of quick waited for the stop of slow");
        assertEquals(StopResult.End.KILLED_AFTER_TIMEOUT, slowStop.join().stop().end());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
