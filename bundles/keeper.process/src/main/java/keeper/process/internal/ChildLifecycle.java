package keeper.process.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import keeper.api.AutoRestart;
import keeper.api.ChildSpec;
import keeper.api.ChildState;
import keeper.api.Outcome;
import keeper.api.Refusal;
import keeper.api.RunAs.StopSignal;
import keeper.api.StopResult;

/**
 * The life of a child's processes: launching, watching for exit, restarting by policy, stopping.
 * Every method that takes a {@link Child} expects its caller to hold that child's lock (asserted).
 * Exits are noticed through {@link Run#onExit()} callbacks, never by polling, so a crash is handled
 * as soon as the kernel reports it. Each step is a {@link Child#moveTo} transition; logging and the
 * state file follow from those.
 */
final class ChildLifecycle {

    static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

    private final ChildSpecs specs;
    private final ChildLauncher launcher;
    private final TreeKiller killer;
    private final RepeatTimers repeats;
    private final SupervisorThreads threads;
    private volatile boolean closed;

    ChildLifecycle(ChildSpecs specs, ChildLauncher launcher, TreeKiller killer, RepeatTimers repeats,
            SupervisorThreads threads) {
        this.specs = specs;
        this.launcher = launcher;
        this.threads = threads;
        this.killer = killer;
        this.repeats = repeats;
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
        armRepeat(child, spec, run);
    }

    /**
     * Stops every child in {@code children} that can stop (runs or waits for a restart), all at once;
     * answers one outcome per child stopped, in the order given. The caller holds every child's lock.
     */
    List<Outcome> stop(List<Child> children) {
        Map<Child, Outcome> outcomes = new LinkedHashMap<>();
        List<Child> killing = new ArrayList<>();
        List<TreeKiller.Target> targets = new ArrayList<>();
        for (Child child : children) {
            assert child.heldByCurrentThread();
            if (child.state() == ChildState.BACKOFF) {
                outcomes.put(child, cancelRestart(child));
            } else if (child.state().hasProcess()) { // STARTING is never seen here: a spawn holds the lock
                Run run = child.run();
                ChildSpec spec = current(child);
                Duration timeout = stopTimeout(spec);
                StopSignal signal = spec == null ? StopSignal.TERM : spec.runAs().stopSignal();
                child.stopping(timeout.plus(TreeKiller.KILL_GRACE));
                killing.add(child);
                targets.add(new TreeKiller.Target(child.name(), run.handle(), run.onExit(), timeout, signal));
            }
        }
        List<TreeKiller.Report> reports = killer.stop(targets);
        for (int i = 0; i < reports.size(); i++) {
            Child child = killing.get(i);
            TreeKiller.Target target = targets.get(i);
            TreeKiller.Report report = reports.get(i);
            Integer code = child.run().exitCode();
            String signal = "SIG" + target.signal().name();
            child.stopped(code, switch (report.end()) {
                case TERMINATED -> report.survivors().isEmpty() ? "stopped by " + signal
                        : "stopped by " + signal + ", but pids " + report.survivors() + " outlived SIGKILL";
                case KILLED_AFTER_TIMEOUT -> "killed: no exit " + Durations.format(target.timeout()) + " after " + signal;
                case SURVIVED_KILL, RESTART_CANCELLED -> "still alive after SIGKILL; given up on";
            });
            StopResult result = new StopResult(child.run().pid(), report.end(), code, report.elapsed(),
                    target.timeout(), report.leftovers(), report.survivors().stream().sorted().toList(),
                    target.signal());
            outcomes.put(child, !result.complete()
                    ? new Outcome(Outcome.Kind.REFUSED, Outcome.Action.STOP, child.name(), 0, result,
                            Refusal.of(Refusal.Reason.STOP_FAILED, null), List.of(), List.of(), null)
                    : Outcome.done(Outcome.Action.STOP, child.name(), 0, result));
        }
        return children.stream().filter(outcomes::containsKey).map(outcomes::get).toList();
    }

    /** Stops watching: exits noticed from now on are left to the next server (children are not stopped). */
    void close() {
        closed = true;
    }

    private Run launch(Child child, ChildSpec spec, boolean automatic) throws SpawnException {
        child.starting(automatic);
        long begun = System.nanoTime();
        Run run = launcher.spawn(spec);
        child.spawned(run, spec, automatic, Duration.ofNanos(System.nanoTime() - begun));
        watch(child, run);
        armRepeat(child, spec, run);
        return run;
    }

    private void armRepeat(Child child, ChildSpec spec, Run run) {
        if (spec != null && spec.repeat() != null) {
            child.repeatArmed(repeats.arm(child.name(), run.pid(), spec.repeat()));
        }
    }

    private void watch(Child child, Run run) {
        Runnable handler = SupervisorThreads.logged("exit handling of " + child.name(), () -> exited(child, run));
        run.onExit().whenCompleteAsync((exited, error) -> handler.run(), threads.workers());
    }

    private void exited(Child child, Run run) {
        // a stop holds the lock while it waits for this very exit: keep out of its way
        if (closed || child.stateNow() == ChildState.STOPPING) {
            return;
        }
        child.acquire();
        try {
            if (!closed && child.run() == run && child.state() == ChildState.RUNNING) {
                Integer code = run.exitCode();
                ended(child, code, run.uptime(), "exited (" + describe(code) + ")");
            }
        } finally {
            child.release();
        }
    }

    /** @param what what happened, for the transition's reason: {@code exited (exit code 1)}, {@code spawn failed: ...} */
    private void ended(Child child, Integer code, Duration ran, String what) {
        ChildSpec spec = current(child);
        AutoRestart mode = spec == null ? AutoRestart.NEVER : spec.autoRestart();
        int retries = spec == null ? 0 : spec.startRetries();
        Duration startSecs = spec == null ? ChildSpec.DEFAULT_START_SECS : spec.startSecs();
        RestartPolicy.Decision decision = RestartPolicy.decide(mode, code, ran, startSecs, child.quickFailures(),
                retries);
        switch (decision.action()) {
            case STAY_DOWN -> child.ended(code, ChildState.EXITED, decision.quickFailures(), what);
            case GIVE_UP -> child.ended(code, ChildState.FATAL, decision.quickFailures(), what + "; failed "
                    + decision.quickFailures() + " times in a row within " + Durations.format(startSecs)
                    + " of starting: left alone until started again");
            case RESTART -> {
                child.ended(code, ChildState.BACKOFF, decision.quickFailures(), what + "; restarting "
                        + (decision.delay().isZero() ? "now" : "in " + Durations.format(decision.delay())));
                restartAfter(child, spec, decision.delay());
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
            ended(child, null, Duration.ZERO, "automatic restart failed: " + e.getMessage());
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
