package keeper.process.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import keeper.api.AutoRestart;
import keeper.api.ChildSpec;
import keeper.api.ChildState;
import keeper.api.Health;
import keeper.api.Outcome;
import keeper.api.Probe;
import keeper.api.Refusal;
import keeper.api.RunAs.StopSignal;
import keeper.api.StopResult;

/**
 * The life of a child's processes: launching, watching for exit, restarting by policy, stopping.
 * Every method that takes a {@link Child} expects its caller to hold that child's lock (asserted).
 * Exits are noticed through {@link Run#onExit()} callbacks, never by polling, so a crash is handled
 * as soon as the kernel reports it. Each step is a {@link Child#moveTo} transition; logging and the
 * state file follow from those. A child with a {@code ready} probe stays STARTING, its process running, until the
 * probe passes; one never ready in time is ended and counts as a failed start. A running child with a {@code health}
 * probe or {@code max_memory} is watched ({@link HealthWatch}) and restarted, through the restart policy, when it is
 * unhealthy.
 */
final class ChildLifecycle {

    static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);
    /** How long after a failed readiness check the next one runs. */
    static final Duration READY_RETRY = Duration.ofMillis(250);
    /** The longest one readiness check may take; the {@code ready} timeout bounds them all. */
    static final Duration READY_ATTEMPT = Duration.ofSeconds(5);

    private final ChildSpecs specs;
    private final ChildLauncher launcher;
    private final TreeKiller killer;
    private final RepeatTimers repeats;
    private final SupervisorThreads threads;
    private final ProbeRunner probes;
    private final TreeMemory memory;
    private volatile boolean closed;

    ChildLifecycle(ChildSpecs specs, ChildLauncher launcher, TreeKiller killer, RepeatTimers repeats,
            SupervisorThreads threads, TreeMemory memory) {
        this.specs = specs;
        this.launcher = launcher;
        this.threads = threads;
        this.killer = killer;
        this.repeats = repeats;
        this.memory = memory;
        this.probes = new ProbeRunner(threads);
    }

    /**
     * Spawns {@code spec} as {@code child}'s new process, on command. A spawn that fails leaves the
     * child FATAL (it could not be started; left alone until started again).
     */
    Run launch(Child child, ChildSpec spec) throws SpawnException {
        assert child.heldByCurrentThread();
        try {
            return launch(child, spec, false);
        } catch (SpawnException e) {
            child.ended(null, ChildState.FATAL, child.quickFailures(), "spawn failed: " + e.getMessage());
            throw e;
        }
    }

    /** Takes over a process found alive after a server restart; {@code spec} is {@code null} when its file is gone. */
    void adopt(Child child, Run run, ChildSpec spec) {
        assert child.heldByCurrentThread();
        child.adopted(run, spec);
        watch(child, run);
        running(child, spec, run, spec == null ? null : launcher.stdoutCursor(spec, true));
    }

    /**
     * Stops every child in {@code children} that can stop (runs or waits for a restart), all at once;
     * answers one outcome per child stopped, in the order given. The caller holds every child's lock.
     */
    List<Outcome> stop(List<Child> children) {
        Map<Child, Outcome> outcomes = new LinkedHashMap<>();
        List<Child> killing = new ArrayList<>();
        for (Child child : children) {
            assert child.heldByCurrentThread();
            if (child.state() == ChildState.BACKOFF) {
                outcomes.put(child, cancelRestart(child));
            } else if (child.state().hasProcess() || child.awaitingReady()) { // a spawn holds the lock till then
                killing.add(child);
            }
        }
        // a process the spawner started again after a crash we have not handled yet is the one to stop
        List<Run> live = disarmed(killing.stream().map(Child::run).toList());
        List<TreeKiller.Target> targets = new ArrayList<>();
        for (int i = 0; i < killing.size(); i++) {
            TreeKiller.Target target = target(killing.get(i), live.get(i));
            killing.get(i).stopping(target.timeout().plus(TreeKiller.KILL_GRACE));
            targets.add(target);
        }
        List<TreeKiller.Report> reports = killer.stop(targets);
        for (int i = 0; i < reports.size(); i++) {
            Child child = killing.get(i);
            TreeKiller.Target target = targets.get(i);
            TreeKiller.Report report = reports.get(i);
            Integer code = live.get(i).exitCode();
            String signal = "SIG" + target.signal().name();
            child.stopped(code, switch (report.end()) {
                case TERMINATED -> report.survivors().isEmpty() ? "stopped by " + signal
                        : "stopped by " + signal + ", but pids " + report.survivors() + " outlived SIGKILL";
                case KILLED_AFTER_TIMEOUT -> "killed: no exit " + Durations.format(target.timeout()) + " after " + signal;
                case SURVIVED_KILL, RESTART_CANCELLED -> "still alive after SIGKILL; given up on";
            });
            StopResult result = new StopResult(live.get(i).pid(), report.end(), code, report.elapsed(),
                    target.timeout(), report.leftovers(), report.survivors().stream().sorted().toList(),
                    target.signal());
            outcomes.put(child, !result.complete()
                    ? new Outcome(Outcome.Kind.REFUSED, Outcome.Action.STOP, child.name(), 0, result,
                            Refusal.of(Refusal.Reason.STOP_FAILED, null), List.of(), List.of(), null)
                    : Outcome.done(Outcome.Action.STOP, child.name(), 0, result));
        }
        return children.stream().filter(outcomes::containsKey).map(outcomes::get).toList();
    }

    /**
     * Stops {@code children} as {@link #stop} does, dependents before their dependencies ({@code depends_on} as each
     * was started): each wave of children no remaining child depends on is stopped together. Answers in the order given.
     */
    List<Outcome> stopInOrder(List<Child> children) {
        Map<Child, Outcome> outcomes = new LinkedHashMap<>();
        for (List<Child> wave : StopWaves.of(children)) {
            List<Child> stoppable = wave.stream().filter(child -> child.state().canStop()).toList();
            List<Outcome> stopped = stop(stoppable);
            for (int i = 0; i < stopped.size(); i++) {
                outcomes.put(stoppable.get(i), stopped.get(i));
            }
        }
        return children.stream().filter(outcomes::containsKey).map(outcomes::get).toList();
    }

    /** Stops watching: exits noticed from now on are left to the next server (children are not stopped). */
    void close() {
        closed = true;
    }

    private Run launch(Child child, ChildSpec spec, boolean automatic) throws SpawnException {
        child.starting(automatic);
        LogCursor log = launcher.stdoutCursor(spec, false);
        long begun = System.nanoTime();
        Run run = launcher.spawn(spec);
        Duration spawnTime = Duration.ofNanos(System.nanoTime() - begun);
        Probe ready = spec.probes().ready();
        if (ready == null) {
            child.spawned(run, spec, automatic, spawnTime);
            watch(child, run);
            running(child, spec, run, log);
        } else {
            child.awaitingReady(run, spec, automatic, spawnTime);
            watch(child, run);
            attemptReady(child, run, new Readiness(ready, ChildLauncher.directoryOf(spec), log,
                    System.nanoTime() + ready.timeout().toNanos()), null);
        }
        return run;
    }

    /** The child is RUNNING as {@code run}: its repeat timer and its health watch begin. */
    private void running(Child child, ChildSpec spec, Run run, LogCursor log) {
        armRepeat(child, spec, run);
        if (spec != null && spec.probes().watched()) {
            child.watching(new HealthWatch(child.name(), run.pid(), spec.probes(), ChildLauncher.directoryOf(spec), log,
                    probes, memory, threads, (health, restart, wasHealthy) ->
                            healthChecked(child, run, health, restart, wasHealthy)).start());
        }
    }

    /**
     * What a process waiting to be ready is checked with.
     *
     * @param deadline when its time is up, a {@link System#nanoTime} value
     */
    private record Readiness(Probe probe, Path directory, LogCursor log, long deadline) {
    }

    /**
     * One readiness check of {@code run}, then the next after {@link #READY_RETRY} until one passes or the deadline
     * passes. Stops once the process exited: its exit handling owns it then.
     */
    private void attemptReady(Child child, Run run, Readiness readiness, ProbeResult last) {
        if (closed || run.onExit().isDone()) {
            return;
        }
        long left = readiness.deadline() - System.nanoTime();
        if (left <= 0) {
            String why = "not ready within " + Durations.format(readiness.probe().timeout()) + ": "
                    + (last == null ? readiness.probe() + ": no check finished" : last.detail());
            threads.execute("readiness of " + child.name(),
                    () -> readyOrNot(child, run, readiness.log(), ProbeResult.failed(why)));
            return;
        }
        Duration attempt = Duration.ofNanos(Math.min(left, READY_ATTEMPT.toNanos()));
        probes.check(readiness.probe(), attempt, readiness.directory(), readiness.log()).thenAccept(result -> {
            if (result.passed()) {
                threads.execute("readiness of " + child.name(), () -> readyOrNot(child, run, readiness.log(), result));
            } else {
                threads.schedule(READY_RETRY, "readiness of " + child.name(),
                        () -> attemptReady(child, run, readiness, result));
            }
        });
    }

    private void readyOrNot(Child child, Run run, LogCursor log, ProbeResult result) {
        child.acquire();
        try {
            if (closed || child.run() != run || !child.awaitingReady()) {
                return;
            }
            if (result.passed()) {
                child.ready(new Health(Health.Condition.READY, result.detail(), Instant.now(), 0),
                        "ready: " + result.detail());
                running(child, child.spec(), run, log);
            } else {
                child.healthChecked(new Health(Health.Condition.WAITING, result.detail(), Instant.now(), 0));
                end(child, run, result.detail(), true);
            }
        } finally {
            child.release();
        }
    }

    /**
     * What a health check found; a restart is done on a worker, under the child's lock, through the restart policy.
     * A plain result is recorded only when the lock is free at once: a busy child has a command acting on it.
     */
    private void healthChecked(Child child, Run run, Health health, String restart, boolean wasHealthy) {
        if (restart != null) {
            threads.execute("restart of unhealthy " + child.name(), () -> {
                child.acquire();
                try {
                    if (!closed && child.run() == run && child.state() == ChildState.RUNNING) {
                        child.healthChecked(health);
                        end(child, run, restart, !wasHealthy);
                    }
                } finally {
                    child.release();
                }
            });
        } else if (child.tryAcquire()) {
            try {
                if (!closed && child.run() == run && child.state() == ChildState.RUNNING) {
                    child.healthChecked(health);
                }
            } finally {
                child.release();
            }
        }
    }

    /**
     * Ends a process that never became ready or is unhealthy (as a stop does: its stop signal to its tree, SIGKILL after its
     * stop timeout), then restarts it through the restart policy whatever its {@code autorestart}.
     *
     * @param failedStart whether this counts as a failed start (toward {@code startretries}) whatever the run time
     */
    private void end(Child child, Run ending, String why, boolean failedStart) {
        Run run = disarmed(List.of(ending)).get(0);
        TreeKiller.Target target = target(child, run);
        child.stopping(target.timeout().plus(TreeKiller.KILL_GRACE), why);
        killer.stop(List.of(target));
        ended(child, run.exitCode(), failedStart ? Duration.ZERO : run.uptime(), why, true, Optional.empty());
    }

    /**
     * The processes to stop for {@code runs}, in order, none of which the spawner starts again once it exits: each
     * run's latest respawn (see {@link Run#latest()}), disarmed, again until no respawn came in between.
     */
    private List<Run> disarmed(List<Run> runs) {
        List<Run> last = runs.stream().map(Run::latest).toList();
        while (true) {
            List<Long> armed = last.stream().filter(Run::mayRespawn).map(Run::pid).toList();
            if (armed.isEmpty()) {
                return last;
            }
            launcher.disarm(armed);
            List<Run> now = last.stream().map(Run::latest).toList();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
    }

    /** Ends a process the spawner started again when the restart policy or the child's file says otherwise. */
    private void discard(Child child, Run again) {
        Run run = disarmed(List.of(again)).get(0);
        killer.stop(List.of(new TreeKiller.Target(child.name(), run.handle(), run.onExit(), TreeKiller.KILL_GRACE,
                StopSignal.KILL)));
    }

    /** The process the spawner started again at once is the child's automatic restart. */
    private void takeOver(Child child, ChildSpec spec, Run again) {
        child.starting(true);
        child.spawned(again, spec, true, Duration.ZERO);
        watch(child, again);
        running(child, spec, again, launcher.stdoutCursor(spec, false));
    }

    /** How {@code run} of {@code child} is stopped: its stop timeout and stop signal as its file says now. */
    private TreeKiller.Target target(Child child, Run run) {
        ChildSpec spec = current(child);
        StopSignal signal = spec == null ? StopSignal.TERM : spec.runAs().stopSignal();
        return new TreeKiller.Target(child.name(), run.handle(), run.onExit(), stopTimeout(spec), signal);
    }

    private void armRepeat(Child child, ChildSpec spec, Run run) {
        if (spec != null && spec.repeat() != null) {
            child.repeatArmed(repeats.arm(child.name(), run.pid(), spec.repeat()));
        }
    }

    private void watch(Child child, Run run) {
        Runnable handler = SupervisorThreads.logged("exit handling of " + child.name(), () -> exited(child, run));
        run.onExit().whenComplete((exited, error) -> {
            // an exit a stop waits for needs no worker: stop all of 100 children would start a thread per exit
            if (!unhandled(child)) {
                threads.workers().execute(handler);
            }
        });
    }

    /** Whether an exit of {@code child} is left alone: a stop's (which waits for it) or after closing. */
    private boolean unhandled(Child child) {
        return closed || child.stateNow() == ChildState.STOPPING;
    }

    private void exited(Child child, Run run) {
        // a stop holds the lock while it waits for this very exit: keep out of its way
        if (unhandled(child)) {
            return;
        }
        child.acquire();
        try {
            if (!closed && child.run() == run && child.awaitingReady()) {
                ended(child, run.exitCode(), Duration.ZERO, "exited before it was ready (" + describe(run.exitCode())
                        + ")", true, run.respawned());
            } else if (!closed && child.run() == run && child.state() == ChildState.RUNNING) {
                Integer code = run.exitCode();
                ended(child, code, run.uptime(), "exited (" + describe(code) + ")", false, run.respawned());
            }
        } finally {
            child.release();
        }
    }

    /**
     * @param what   what happened, for the transition's reason: {@code exited (exit code 1)}, {@code spawn failed: ...}
     * @param always whether to restart whatever {@code autorestart} says (a start that failed its {@code ready} probe
     *               is retried up to {@code startretries} like supervisord's; an unhealthy child is restarted)
     * @param again  the process the spawner started again at once when this one exited: taken as the restart when
     *               the policy restarts now and the child's file is as it was launched, else ended
     */
    private void ended(Child child, Integer code, Duration ran, String what, boolean always, Optional<Run> again) {
        ChildSpec spec = current(child);
        AutoRestart mode = always ? AutoRestart.ALWAYS : spec == null ? AutoRestart.NEVER : spec.autoRestart();
        int retries = spec == null ? 0 : spec.startRetries();
        Duration startSecs = spec == null ? ChildSpec.DEFAULT_START_SECS : spec.startSecs();
        RestartPolicy.Decision decision = RestartPolicy.decide(mode, code, ran, startSecs, child.quickFailures(),
                retries);
        boolean takeOver = again.isPresent() && decision.action() == RestartPolicy.Action.RESTART
                && decision.delay().isZero() && spec != null && spec.equals(child.spec());
        if (!takeOver) {
            again.ifPresent(run -> discard(child, run));
        }
        switch (decision.action()) {
            case STAY_DOWN -> child.ended(code, ChildState.EXITED, decision.quickFailures(), what);
            case GIVE_UP -> child.ended(code, ChildState.FATAL, decision.quickFailures(), what + "; failed "
                    + decision.quickFailures() + " times in a row within " + Durations.format(startSecs)
                    + " of starting: left alone until started again");
            case RESTART -> {
                child.ended(code, ChildState.BACKOFF, decision.quickFailures(), what + "; restarting "
                        + (decision.delay().isZero() ? "now" : "in " + Durations.format(decision.delay())));
                if (takeOver) {
                    takeOver(child, spec, again.get());
                } else {
                    restartAfter(child, spec, decision.delay());
                }
            }
        }
    }

    private void restartAfter(Child child, ChildSpec spec, Duration delay) {
        if (delay.isZero()) {
            relaunch(child, spec);
            return;
        }
        Run dead = child.run();
        child.restartPending(threads.schedule(delay, "restart of " + child.name(),
                () -> relaunchLater(child, dead, spec)));
    }

    private void relaunchLater(Child child, Run dead, ChildSpec planned) {
        child.acquire();
        try {
            // a command may have started or stopped the child since this restart was planned
            if (!closed && child.run() == dead && child.state() == ChildState.BACKOFF) {
                relaunch(child, specs.readable(child.name()).orElse(planned));
            }
        } finally {
            child.release();
        }
    }

    private void relaunch(Child child, ChildSpec spec) {
        try {
            launch(child, spec, true);
        } catch (SpawnException e) {
            ended(child, null, Duration.ZERO, "automatic restart failed: " + e.getMessage(), false, Optional.empty());
        }
    }

    private Outcome cancelRestart(Child child) {
        Integer code = child.exitCode();
        child.stopped(code, "stop cancelled the pending restart");
        return Outcome.done(Outcome.Action.STOP, child.name(), 0,
                new StopResult(0, StopResult.End.RESTART_CANCELLED, code, Duration.ZERO, stopTimeout(current(child)), 0,
                        List.of()));
    }

    private static Duration stopTimeout(ChildSpec spec) {
        return spec == null || spec.stopTimeout() == null ? DEFAULT_STOP_TIMEOUT : spec.stopTimeout();
    }

    /** The child's config as it is now, else as it was started (its file may be gone or broken meanwhile). */
    private ChildSpec current(Child child) {
        return specs.readable(child.name()).orElse(child.spec());
    }

    private static String describe(Integer code) {
        return code == null ? "exit status unknown" : "exit code " + code;
    }
}
