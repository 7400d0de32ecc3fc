package keeper.process.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;

import keeper.api.ChildSpec;
import keeper.api.ChildState;
import keeper.api.ChildStatus;

/**
 * One entry of the process table. Everything but {@link #status()} and the expected exit is
 * guarded by {@link #lock()}; each change publishes an immutable {@link ChildStatus} so that
 * {@code status}, {@code check} and the state file never wait for a child busy stopping.
 */
final class Child {

    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean removed;
    private ChildSpec spec;
    private Run run;
    private ChildState state = ChildState.STOPPED;
    private Integer exitCode;
    private int restarts;
    private int quickFailures;
    private ScheduledFuture<?> pendingRestart;
    private ScheduledFuture<?> repeatTimer;
    private volatile Run expectedExit;
    private volatile ChildStatus status;

    Child(String name) {
        this.name = name;
        publish();
    }

    String name() {
        return name;
    }

    ReentrantLock lock() {
        return lock;
    }

    ChildStatus status() {
        return status;
    }

    boolean removed() {
        return removed;
    }

    void remove() {
        removed = true;
    }

    ChildState state() {
        return state;
    }

    boolean isRunning() {
        return state == ChildState.RUNNING;
    }

    Run run() {
        return run;
    }

    ChildSpec spec() {
        return spec;
    }

    Integer exitCode() {
        return exitCode;
    }

    int quickFailures() {
        return quickFailures;
    }

    /** A new process runs: by command ({@code automatic} false, counters reset) or by the restart policy. */
    void running(Run newRun, ChildSpec newSpec, boolean automatic) {
        cancel(pendingRestart);
        run = newRun;
        spec = newSpec;
        state = ChildState.RUNNING;
        exitCode = null;
        if (automatic) {
            restarts++;
        } else {
            restarts = 0;
            quickFailures = 0;
        }
        publish();
    }

    /** The process ended on its own; {@code next} is EXITED, BACKOFF or FATAL. */
    void ended(Integer code, ChildState next, int failures) {
        exitCode = code;
        state = next;
        quickFailures = failures;
        publish();
    }

    void restartPending(ScheduledFuture<?> restart) {
        cancel(pendingRestart);
        pendingRestart = restart;
    }

    /** Stopped by a command: nothing of it may come back by itself. */
    void stopped(Integer code) {
        cancelTimers();
        exitCode = code;
        state = ChildState.STOPPED;
        publish();
    }

    void repeatArmed(ScheduledFuture<?> timer) {
        cancel(repeatTimer);
        repeatTimer = timer;
    }

    void cancelTimers() {
        cancel(pendingRestart);
        cancel(repeatTimer);
    }

    /** Marks {@code stopping} as about to be killed on purpose, so its exit is not taken for a crash. */
    void expectExit(Run stopping) {
        expectedExit = stopping;
    }

    /** Safe without the lock: exit callbacks use it to keep out of the way of a stop holding the lock. */
    boolean expectsExitOf(Run ended) {
        return expectedExit == ended;
    }

    private void publish() {
        status = new ChildStatus(name, state, run == null ? 0 : run.pid(), run == null ? null : run.startedAt(),
                exitCode, restarts, spec);
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
