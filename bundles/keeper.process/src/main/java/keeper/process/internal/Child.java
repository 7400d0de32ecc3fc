package keeper.process.internal;

import static keeper.api.ChildState.BACKOFF;
import static keeper.api.ChildState.EXITED;
import static keeper.api.ChildState.FATAL;
import static keeper.api.ChildState.RUNNING;
import static keeper.api.ChildState.STARTING;
import static keeper.api.ChildState.STOPPED;
import static keeper.api.ChildState.STOPPING;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

import keeper.api.ChildSpec;
import keeper.api.ChildState;
import keeper.api.ChildStatus;
import keeper.api.Health;

/**
 * One entry of the process table and its state machine. Everything but {@link #status()} and
 * {@link #stateNow()} is guarded by the child's lock ({@link #acquire()}); every change of state goes
 * through {@link #moveTo}, which checks it against {@link #LEGAL}, publishes an immutable
 * {@link ChildStatus} (so {@code status} and the state file never wait for a child busy stopping)
 * and hands the {@link Transition} to the listeners.
 */
final class Child {

    /** How long an operation waits for a child's lock before it reports the holder and fails. */
    static final Duration LOCK_BOUND = Duration.ofSeconds(30);

    /** Every legal move; the labels are in docs/processes.md's diagram. */
    static final Map<ChildState, Set<ChildState>> LEGAL = legalMoves();

    private final String name;
    private final ChildLock lock;
    private final ChildEvents events;
    private boolean removed;
    private ChildSpec spec;
    private Run run;
    private volatile ChildState state = STOPPED;
    private Integer exitCode;
    private int restarts;
    private int quickFailures;
    private ScheduledFuture<?> pendingRestart;
    private ScheduledFuture<?> repeatTimer;
    private AutoCloseable healthWatch;
    private Health health = Health.NONE;
    private CompletableFuture<ChildStatus> settled = new CompletableFuture<>();
    /** The last process that became RUNNING (ready), or 0. */
    private long readyPid;
    /** How long the spawn of a process waiting for its {@code ready} probe took. */
    private Duration readySpawnTime;
    private volatile ChildStatus status;

    Child(String name, ChildEvents events) {
        this(name, events, LOCK_BOUND);
    }

    Child(String name, ChildEvents events, Duration lockBound) {
        this.name = name;
        this.events = events;
        this.lock = new ChildLock(name, lockBound);
        publish();
    }

    String name() {
        return name;
    }

    /** Takes the child's lock, or fails loudly when it cannot be had in time (see {@link ChildLock}). */
    void acquire() {
        lock.acquire();
    }

    boolean tryAcquire() {
        return lock.tryLock();
    }

    void release() {
        lock.unlock();
    }

    boolean heldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    ChildStatus status() {
        return status;
    }

    /** The state as last moved to, readable without the lock (exit callbacks keep out of a stop's way with it). */
    ChildState stateNow() {
        return state;
    }

    boolean removed() {
        return removed;
    }

    void remove() {
        assert heldByCurrentThread();
        removed = true;
    }

    ChildState state() {
        assert heldByCurrentThread();
        return state;
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

    /**
     * The one transition point: moves to {@code next} when the table allows it, else throws
     * IllegalStateException (a bug in the engine).
     */
    void moveTo(ChildState next, String reason) {
        moveTo(next, reason, null);
    }

    /** @param spawnTime how long the spawn took, when this move ends one; else {@code null} */
    private void moveTo(ChildState next, String reason, Duration spawnTime) {
        assert heldByCurrentThread() : "moving " + name + " without its lock";
        ChildState previous = state;
        if (!LEGAL.get(previous).contains(next)) {
            throw new IllegalStateException("illegal transition of " + name + ": " + previous + " -> " + next
                    + " (" + reason + ")");
        }
        state = next;
        if (next == RUNNING) {
            readyPid = run == null ? 0 : run.pid();
        } else {
            stopWatching();
        }
        if (!next.isAlive() && health.condition() != Health.Condition.NONE) {
            health = next == STOPPED ? Health.NONE // the last result stays readable until the next start
                    : new Health(Health.Condition.NONE, health.detail(), health.checkedAt(), health.failures());
        }
        publish();
        long pid = next == STARTING || run == null ? 0 : run.pid();
        events.publish(name, pid, previous, next, exitCode, reason, spawnTime);
        if (next == RUNNING || next == STOPPED || next == EXITED || next == FATAL) {
            settled.complete(status);
            settled = new CompletableFuture<>();
        }
    }

    /**
     * Completes with the child's status once it is RUNNING (ready) or resting (STOPPED, EXITED, FATAL): what a start
     * waits for before its dependents start. Complete at once with the status when it is one of those now, or with
     * {@code null} when process {@code pid} (0: none) became ready already (it may have exited since).
     */
    CompletableFuture<ChildStatus> whenSettled(long pid) {
        if (pid != 0 && pid == readyPid) {
            return CompletableFuture.completedFuture(null);
        }
        assert heldByCurrentThread();
        return state == STARTING || state == BACKOFF || state == STOPPING ? settled
                : CompletableFuture.completedFuture(status);
    }

    /** A spawn begins: by command ({@code automatic} false) or by the restart policy. */
    void starting(boolean automatic) {
        cancel(pendingRestart);
        moveTo(STARTING, automatic ? "automatic restart" : "start");
    }

    /**
     * The new process exists: by command ({@code automatic} false, counters reset) or by the restart policy.
     *
     * @param spawnTime how long making the process took
     */
    void spawned(Run newRun, ChildSpec newSpec, boolean automatic, Duration spawnTime) {
        took(newRun, newSpec, automatic);
        health = newSpec.probes().watched() ? new Health(Health.Condition.READY, null, null, 0) : Health.NONE;
        moveTo(RUNNING, automatic ? "restarted automatically" : "spawned", spawnTime);
    }

    /**
     * The new process exists and stays STARTING until its {@code ready} probe passes ({@link #ready}).
     *
     * @param spawnTime how long making the process took, told when it becomes RUNNING
     */
    void awaitingReady(Run newRun, ChildSpec newSpec, boolean automatic, Duration spawnTime) {
        took(newRun, newSpec, automatic);
        readySpawnTime = spawnTime;
        health = new Health(Health.Condition.WAITING, null, null, 0);
        publish();
    }

    /** Its {@code ready} probe passed; {@code result} says how. */
    void ready(Health result, String reason) {
        health = result;
        moveTo(RUNNING, reason, readySpawnTime);
        events.health(name, run.pid(), result);
    }

    /** Whether it is STARTING with a process that waits for its {@code ready} probe (a stop may end it). */
    boolean awaitingReady() {
        return state == STARTING && health.condition() == Health.Condition.WAITING;
    }

    Health health() {
        return health;
    }

    /** What the last health check said. */
    void healthChecked(Health result) {
        assert heldByCurrentThread();
        boolean changed = result.condition() != health.condition();
        health = result;
        publish();
        if (changed) {
            events.health(name, run.pid(), result);
        }
    }

    /** Starts watching its health; the watch is closed when the child leaves RUNNING. */
    void watching(AutoCloseable watch) {
        stopWatching();
        healthWatch = watch;
    }

    private void took(Run newRun, ChildSpec newSpec, boolean automatic) {
        run = newRun;
        spec = newSpec;
        exitCode = null;
        if (automatic) {
            restarts++;
        } else {
            restarts = 0;
            quickFailures = 0;
        }
    }

    private void stopWatching() {
        if (healthWatch != null) {
            try {
                healthWatch.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the health watch of " + name + " failed", e);
            }
            healthWatch = null;
        }
    }

    /** Takes over a process a previous server left running; {@code spec} is {@code null} when its file is gone. */
    void adopted(Run adoptedRun, ChildSpec adoptedSpec) {
        run = adoptedRun;
        spec = adoptedSpec;
        exitCode = null;
        restarts = 0;
        quickFailures = 0;
        moveTo(RUNNING, "re-adopted");
    }

    /**
     * The process ended on its own (or could not be spawned, or was ended as never ready or unhealthy); {@code next}
     * is EXITED, BACKOFF or FATAL.
     */
    void ended(Integer code, ChildState next, int failures, String reason) {
        lock.declareHold(Duration.ZERO);
        exitCode = code;
        quickFailures = failures;
        moveTo(next, reason);
    }

    void restartPending(ScheduledFuture<?> restart) {
        cancel(pendingRestart);
        pendingRestart = restart;
    }

    /** A stop begins; others wait for the lock up to {@code hold} longer than usual. */
    void stopping(Duration hold) {
        stopping(hold, "stop");
    }

    /** A stop begins for {@code reason} (a stop, a child never ready, an unhealthy one). */
    void stopping(Duration hold, String reason) {
        lock.declareHold(hold);
        moveTo(STOPPING, reason);
    }

    /** Stopped by a command: nothing of it may come back by itself. */
    void stopped(Integer code, String reason) {
        cancelTimers();
        lock.declareHold(Duration.ZERO);
        exitCode = code;
        moveTo(STOPPED, reason);
    }

    void repeatArmed(ScheduledFuture<?> timer) {
        cancel(repeatTimer);
        repeatTimer = timer;
    }

    void cancelTimers() {
        cancel(pendingRestart);
        cancel(repeatTimer);
    }

    private void publish() {
        status = new ChildStatus(name, state, run == null ? 0 : run.pid(), run == null ? null : run.startedAt(),
                exitCode, restarts, spec, health);
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    private static Map<ChildState, Set<ChildState>> legalMoves() {
        Map<ChildState, Set<ChildState>> moves = new EnumMap<>(ChildState.class);
        moves.put(STOPPED, EnumSet.of(STARTING, RUNNING));                 // start; re-adopted
        // spawned (and ready); spawn failed or exited before ready; stop or never ready ends it
        moves.put(STARTING, EnumSet.of(RUNNING, BACKOFF, EXITED, FATAL, STOPPING));
        moves.put(RUNNING, EnumSet.of(STOPPING, EXITED, BACKOFF, FATAL));  // stop or unhealthy; exited on its own
        moves.put(BACKOFF, EnumSet.of(STARTING, STOPPED));                 // restart due or start; stop cancels
        moves.put(STOPPING, EnumSet.of(STOPPED, BACKOFF, FATAL));          // gone; ended as never ready or unhealthy
        moves.put(EXITED, EnumSet.of(STARTING));                           // start
        moves.put(FATAL, EnumSet.of(STARTING));                            // start
        return moves;
    }
}
