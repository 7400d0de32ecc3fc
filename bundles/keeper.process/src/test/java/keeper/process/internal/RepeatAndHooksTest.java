package keeper.process.internal;

import static keeper.process.internal.SpecBuilder.sleeper;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import keeper.api.ChildState;
import keeper.api.ChildStatus;
import keeper.api.Hook;
import keeper.api.HookFault.Link;
import keeper.api.HookFault.Problem;
import keeper.api.HookFault;
import keeper.api.Outcome;
import keeper.api.Refusal;

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

        // the process may be gone (a zombie) a moment before the stop has seen its exit: STOPPING until then
        await().atMost(Duration.ofSeconds(4)).until(() -> supervisor.status().get(0).state() == ChildState.STOPPED);
        assertTrue(gone(pid));
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> supervisor.status().get(0).state() == ChildState.STOPPED);
    }

    @Test
    void aPrehookChainRunsFromItsFarEnd() {
        config.put(sleeper(config, "web").prehook("start", "api"))
                .put(sleeper(config, "api").prehook("start", "db"))
                .put(sleeper(config, "db"));
        ProcessSupervisor supervisor = newSupervisor();

        Outcome web = ok(supervisor.start("web"));
        Outcome api = ok(web.hooks().get(0));
        Outcome db = ok(api.hooks().get(0));
        assertEquals(List.of(pidOf(supervisor, "db"), pidOf(supervisor, "api"), pidOf(supervisor, "web")),
                List.of(db.pid(), api.pid(), web.pid()));
        assertEquals(List.of("db", "api", "web"), List.of(db.child(), api.child(), web.child()));
    }

    @Test
    void aPrehookOnARunningChildIsSatisfied() {
        config.put(sleeper(config, "web").prehook("start", "db")).put(sleeper(config, "db"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("db"));
        long db = pidOf(supervisor, "db");

        Outcome web = ok(supervisor.start("web"));
        assertEquals(db, already(web.hooks().get(0)).pid());
    }

    @Test
    void aHookCycleIsRefusedBeforeAnythingStarts() {
        config.put(sleeper(config, "a").prehook("start", "b"))
                .put(sleeper(config, "b").prehook("restart", "c"))
                .put(sleeper(config, "c").prehook("trystart", "a"));
        ProcessSupervisor supervisor = newSupervisor();

        assertEquals(new HookFault(Problem.CYCLE, null, List.of("a", "b", "c", "a"), null),
                hookFault(supervisor.start("a")));
        assertEquals(List.of(), supervisor.check(null));
        assertTrue(supervisor.status().stream().allMatch(status -> status.pid() == 0));
    }

    @Test
    void aHookOnAMissingChildIsRefusedNamingTheHook() {
        config.put(sleeper(config, "web").prehook("start", "nowhere"));
        ProcessSupervisor supervisor = newSupervisor();

        assertEquals(new HookFault(Problem.UNKNOWN_CHILD, new Link(true, new Hook("start", "nowhere"), "web"), List.of(),
                null), hookFault(supervisor.start("web")));
        assertEquals(List.of(), supervisor.check(null));
    }

    @Test
    void thePosthookRunsAfterTheStop() {
        config.put(sleeper(config, "web").posthook("start", "cleanup")).put(sleeper(config, "cleanup"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("web"));
        long web = pidOf(supervisor, "web");

        Outcome stopped = ok(supervisor.stop("web"));
        assertEquals(web, stopped.stop().pid());
        Outcome cleanup = ok(stopped.hooks().get(0));
        assertEquals("cleanup", cleanup.child());
        assertEquals(pidOf(supervisor, "cleanup"), cleanup.pid());
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

        HookFault fault = hookFault(outcome.get(30, TimeUnit.SECONDS));
        assertEquals(Problem.TOO_LONG, fault.problem());
        assertEquals(List.of("link0", "link1", "link2"), fault.children());
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

    /** Asserts {@code outcome} is refused for its hook chain; answers where the chain is unsound. */
    private static HookFault hookFault(Outcome outcome) {
        assertNull(refused(outcome, Refusal.Reason.HOOK_CHAIN), outcome::toString);
        return outcome.refusal().hookFault();
    }
}
