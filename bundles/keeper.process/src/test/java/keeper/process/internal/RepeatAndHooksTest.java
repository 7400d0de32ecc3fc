package keeper.process.internal;

import static keeper.process.internal.SpecBuilder.sleeper;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import keeper.api.ChildState;
import keeper.api.ChildStatus;
import keeper.api.Outcome;

class RepeatAndHooksTest extends SupervisorTestBase {

    @Test
    void repeatRestartsEveryPeriodUntilTheBlockIsRemoved() {
        config.put(sleeper(config, "tick").repeat("restart", 1));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("tick"));
        long first = pidOf(supervisor, "tick");

        long second = await().atMost(Duration.ofSeconds(4)).until(() -> currentPid(supervisor, "tick"),
                pid -> pid != 0 && pid != first);
        assertTrue(gone(first));
        await().atMost(Duration.ofSeconds(4)).until(() -> currentPid(supervisor, "tick"),
                pid -> pid != 0 && pid != first && pid != second);

        config.put(sleeper(config, "tick"));
        AtomicLong seen = new AtomicLong();
        await().atMost(Duration.ofSeconds(8)).during(Duration.ofMillis(2200)).until(() -> {
            long now = currentPid(supervisor, "tick");
            return now != 0 && seen.getAndSet(now) == now;
        });
    }

    @Test
    void aDueTimerForAnOlderPidDoesNothing() {
        config.put(sleeper(config, "tick").repeat("restart", 300));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("tick"));
        long first = pidOf(supervisor, "tick");
        ok(supervisor.restart("tick"));
        long second = pidOf(supervisor, "tick");

        supervisor.repeatDue("tick", first);
        assertEquals(second, pidOf(supervisor, "tick"));

        supervisor.repeatDue("tick", second);
        long third = pidOf(supervisor, "tick");
        assertTrue(third != second && gone(second), "the timer of the current pid restarts it");
    }

    @Test
    void repeatStopEndsTheChildAndArmsNoTimer() {
        config.put(sleeper(config, "once").repeat("stop", 1));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("once"));
        long pid = pidOf(supervisor, "once");

        // a stop is over once every process of the child is gone, a moment after the child's own exit
        await().atMost(Duration.ofSeconds(4)).until(() -> supervisor.status().get(0).state() == ChildState.STOPPED);
        assertTrue(gone(pid));
    }

    @Test
    void aPrehookChainRunsFromItsFarEnd() {
        config.put(sleeper(config, "web").prehook("start", "api"))
                .put(sleeper(config, "api").prehook("start", "db"))
                .put(sleeper(config, "db"));
        ProcessSupervisor supervisor = newSupervisor();

        String[] lines = ok(supervisor.start("web")).message().split("\n");
        assertEquals(List.of("db started (pid " + pidOf(supervisor, "db") + ")",
                "api started (pid " + pidOf(supervisor, "api") + ")",
                "web started (pid " + pidOf(supervisor, "web") + ")"), List.of(lines));
    }

    @Test
    void aPrehookOnARunningChildIsSatisfied() {
        config.put(sleeper(config, "web").prehook("start", "db")).put(sleeper(config, "db"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("db"));
        long db = pidOf(supervisor, "db");

        String message = ok(supervisor.start("web")).message();
        assertTrue(message.startsWith("db is already running (pid " + db + ")\nweb started"), message);
    }

    @Test
    void aHookCycleIsRefusedBeforeAnythingStarts() {
        config.put(sleeper(config, "a").prehook("start", "b"))
                .put(sleeper(config, "b").prehook("restart", "c"))
                .put(sleeper(config, "c").prehook("trystart", "a"));
        ProcessSupervisor supervisor = newSupervisor();

        assertEquals("a not started: hook cycle: a -> b -> c -> a", refused(supervisor.start("a")).message());
        assertEquals(List.of(), supervisor.check(null));
        assertTrue(supervisor.status().stream().allMatch(status -> status.pid() == 0));
    }

    @Test
    void aHookOnAMissingChildIsRefusedNamingTheHook() {
        config.put(sleeper(config, "web").prehook("start", "nowhere"));
        ProcessSupervisor supervisor = newSupervisor();

        String message = refused(supervisor.start("web")).message();
        assertTrue(message.startsWith("web not started: prehook 'start nowhere' of web: no child named 'nowhere'"),
                message);
        assertEquals(List.of(), supervisor.check(null));
    }

    @Test
    void thePosthookRunsAfterTheStop() {
        config.put(sleeper(config, "web").posthook("start", "cleanup")).put(sleeper(config, "cleanup"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("web"));
        long web = pidOf(supervisor, "web");

        String[] lines = ok(supervisor.stop("web")).message().split("\n");
        assertTrue(lines[0].startsWith("web stopped (pid " + web), lines[0]);
        assertEquals("cleanup started (pid " + pidOf(supervisor, "cleanup") + ")", lines[1]);
    }

    @Test
    void aHookChainLongerThanTheLimitIsRefusedWithoutOverflowingTheStack() throws Exception {
        int links = 300;
        for (int i = 0; i < links; i++) {
            config.put(sleeper(config, "link" + i).prehook("start", "link" + (i + 1)));
        }
        config.put(sleeper(config, "link" + links));
        ProcessSupervisor supervisor = newSupervisor();

        // as deep as a worker's stack: a chain walked by recursion overflows it
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        Thread small = new Thread(null, () -> {
            try {
                outcome.complete(supervisor.start("link0"));
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        }, "small-stack", 256 * 1024);
        small.start();

        String message = refused(outcome.get(30, TimeUnit.SECONDS)).message();
        assertTrue(message.startsWith("link0 not started: its hook chain is longer than " + HookChains.MAX_LINKS
                + " links"), message);
        assertEquals(List.of(), supervisor.check(null));
    }

    @Test
    void anEmptyRepeatActionRestarts() {
        config.put(sleeper(config, "web").repeat("", 3600));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("web"));
        long first = pidOf(supervisor, "web");

        supervisor.repeatDue("web", first);

        long second = pidOf(supervisor, "web");
        assertTrue(second != first, "not restarted");
        assertTrue(gone(first));
    }

    /** The pid the child runs as, or 0 between two processes. */
    private static long currentPid(ProcessSupervisor supervisor, String name) {
        return supervisor.check(name).stream().mapToLong(ChildStatus::pid).findFirst().orElse(0);
    }
}
