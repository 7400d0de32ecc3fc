package keeper.process.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import keeper.api.AutoRestart;
import keeper.api.ChildSpec;
import keeper.api.ChildState;

/**
 * The life of a child's processes: launching, watching for exit, restarting by policy, stopping.
 * Every method that takes a {@link Child} expects its caller to hold that child's lock. Exits are
 * noticed through {@link Run#onExit()} callbacks, never by polling, so a crash is handled as soon as
 * the kernel reports it.
 */
final class ChildLifecycle {

    private static final Logger LOG = System.getLogger(ChildLifecycle.class.getName());
    static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

    private final ChildSpecs specs;
    private final ChildLauncher launcher;
    private final TreeKiller killer;
    private final RepeatTimers repeats;
    private final SupervisorThreads threads;
    private final Runnable persist;
    private volatile boolean closed;

    /** @param persist saves the table; called after every change of what runs */
    ChildLifecycle(ChildSpecs specs, ChildLauncher launcher, TreeKiller killer, RepeatTimers repeats,
            SupervisorThreads threads, Runnable persist) {
        this.specs = specs;
        this.launcher = launcher;
        this.killer = killer;
        this.repeats = repeats;
        this.threads = threads;
        this.persist = persist;
    }

    /** Spawns {@code spec} as {@code child}'s new process, on command. */
    Run launch(Child child, ChildSpec spec) throws SpawnException {
        return launch(child, spec, false);
    }

    /** Takes over a process found alive in the state file; {@code spec} is {@code null} when its file is gone. */
    void adopt(Child child, Run run, ChildSpec spec) {
        child.running(run, spec, false);
        watch(child, run);
        armRepeat(child, spec, run);
    }

    /**
     * Stops every child in {@code children} that runs or waits for a restart, all at once; answers
     * one result per child stopped, in the order given.
     */
    List<Result> stop(List<Child> children) {
        Map<Child, Result> results = new LinkedHashMap<>();
        List<Child> killing = new ArrayList<>();
        List<TreeKiller.Target> targets = new ArrayList<>();
        for (Child child : children) {
            if (child.state() == ChildState.BACKOFF) {
                results.put(child, cancelRestart(child));
            } else if (child.isRunning()) {
                Run run = child.run();
                child.expectExit(run);
                killing.add(child);
                targets.add(new TreeKiller.Target(child.name(), run.handle(), run.onExit(), stopTimeout(child)));
            }
        }
        List<TreeKiller.Report> reports = killer.stop(targets);
        for (int i = 0; i < reports.size(); i++) {
            Child child = killing.get(i);
            TreeKiller.Report report = reports.get(i);
            child.stopped(child.run().exitCode());
            results.put(child, report.ok() ? Result.done(report.message()) : Result.refused(report.message()));
        }
        persist.run();
        return children.stream().filter(results::containsKey).map(results::get).toList();
    }

    /** Stops watching: exits noticed from now on are left to the next server (children are not stopped). */
    void close() {
        closed = true;
    }

    private Run launch(Child child, ChildSpec spec, boolean automatic) throws SpawnException {
        Run run = launcher.spawn(spec);
        child.running(run, spec, automatic);
        watch(child, run);
        armRepeat(child, spec, run);
        persist.run();
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
        if (closed || child.expectsExitOf(run)) {
            return;
        }
        child.lock().lock();
        try {
            if (!closed && child.run() == run && child.isRunning()) {
                ended(child, run.exitCode(), run.uptime());
                persist.run();
            }
        } finally {
            child.lock().unlock();
        }
    }

    private void ended(Child child, Integer code, Duration ran) {
        ChildSpec spec = current(child);
        AutoRestart mode = spec == null ? AutoRestart.NEVER : spec.autoRestart();
        int retries = spec == null ? 0 : spec.startRetries();
        Duration startSecs = spec == null ? ChildSpec.DEFAULT_START_SECS : spec.startSecs();
        RestartPolicy.Decision decision = RestartPolicy.decide(mode, code, ran, startSecs, child.quickFailures(),
                retries);
        switch (decision.action()) {
            case STAY_DOWN -> {
                child.ended(code, ChildState.EXITED, decision.quickFailures());
                LOG.log(Level.INFO, "{0} exited ({1})", child.name(), describe(code));
            }
            case GIVE_UP -> {
                child.ended(code, ChildState.FATAL, decision.quickFailures());
                LOG.log(Level.WARNING, "{0} is FATAL: it failed {1} times in a row within {2} of starting ({3});"
                        + " it is left alone until started again", child.name(), decision.quickFailures(),
                        Durations.format(startSecs), describe(code));
            }
            case RESTART -> {
                child.ended(code, ChildState.BACKOFF, decision.quickFailures());
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
        LOG.log(Level.INFO, "{0} exited ({1}); restarting in {2}", child.name(), describe(child.exitCode()),
                Durations.format(delay));
        child.restartPending(threads.schedule(delay, "restart of " + child.name(),
                () -> relaunchLater(child, dead, spec)));
    }

    private void relaunchLater(Child child, Run dead, ChildSpec planned) {
        child.lock().lock();
        try {
            // a command may have started or stopped the child since this restart was planned
            if (!closed && child.run() == dead && child.state() == ChildState.BACKOFF) {
                relaunch(child, specs.readable(child.name()).orElse(planned));
            }
        } finally {
            child.lock().unlock();
        }
    }

    private void relaunch(Child child, ChildSpec spec) {
        try {
            Run run = launch(child, spec, true);
            LOG.log(Level.INFO, "{0} restarted automatically (pid {1,number,#})", child.name(), run.pid());
        } catch (SpawnException e) {
            LOG.log(Level.WARNING, "{0}: automatic restart failed: {1}", child.name(), e.getMessage());
            ended(child, null, Duration.ZERO);
        }
    }

    private Result cancelRestart(Child child) {
        String reason = describe(child.exitCode());
        child.stopped(child.exitCode());
        return Result.done(child.name() + " stopped: it was waiting to restart after it exited (" + reason
                + "); the restart is cancelled");
    }

    private Duration stopTimeout(Child child) {
        ChildSpec spec = current(child);
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
