package keeper.process.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One process of a child: spawned by this supervisor, or adopted from the state file after a
 * server restart (then no exit code can be known, as the process is not this server's child).
 * How long it ran is measured on this JVM's monotonic clock from the spawn: a process start instant
 * the system reports may lag the wall clock by a second or more, and the wall clock may jump.
 */
final class Run {

    private final ProcessHandle handle;
    private final Instant startedAt;
    private final long startedNanos;
    private final CompletableFuture<Integer> exit;
    private final CompletableFuture<Run> respawn;
    private volatile long endedNanos;

    private Run(ProcessHandle handle, Instant startedAt, long startedNanos, CompletableFuture<Integer> exit,
            CompletableFuture<Run> respawn) {
        this.handle = handle;
        this.startedAt = startedAt;
        this.startedNanos = startedNanos;
        this.exit = exit;
        this.respawn = respawn;
        exit.whenComplete((code, error) -> endedNanos = System.nanoTime());
    }

    /**
     * Called as soon as the spawn returns, which starts the clock of {@link #uptime()}.
     *
     * @param startedAt when the process started, as the system says it (see {@link StartInstants})
     * @param exit      completes with the exit code (128 + signal for a death by signal), never exceptionally
     * @param respawn   completes, before {@code exit}, with the process the spawner started again at once when this
     *                  one exited ({@link Launch#respawnAfter()}), or {@code null}
     */
    static Run spawned(ProcessHandle handle, Instant startedAt, CompletableFuture<Integer> exit,
            CompletableFuture<Run> respawn) {
        return new Run(handle, startedAt, System.nanoTime(), exit, respawn);
    }

    /**
     * @param startedAt when the process started, as the state file recorded it: only its age at adoption is used
     * @param exit      completes when the process has exited (see {@link AdoptedExits})
     */
    static Run adopted(ProcessHandle handle, Instant startedAt, CompletableFuture<?> exit) {
        long age = Math.max(0, Duration.between(startedAt, Instant.now()).toNanos());
        return new Run(handle, startedAt, System.nanoTime() - age, exit.thenApply(exited -> null),
                CompletableFuture.completedFuture(null));
    }

    /** The process the spawner started again at once when this one exited, if it did (known once it exited). */
    Optional<Run> respawned() {
        return Optional.ofNullable(respawn.getNow(null));
    }

    /** Whether the spawner may still start this process again at once when it exits (see {@link #respawned()}). */
    boolean mayRespawn() {
        return !respawn.isDone();
    }

    /** This run, or the last of the processes spawned again at once after it. */
    Run latest() {
        Run last = this;
        for (Optional<Run> next = respawned(); next.isPresent(); next = next.get().respawned()) {
            last = next.get();
        }
        return last;
    }

    long pid() {
        return handle.pid();
    }

    ProcessHandle handle() {
        return handle;
    }

    /** When the process started, for people to read; never for decisions (see {@link #uptime()}). */
    Instant startedAt() {
        return startedAt;
    }

    /** How long the process ran until its exit was noticed, or has run until now. */
    Duration uptime() {
        long ended = endedNanos;
        return Duration.ofNanos((ended != 0 ? ended : System.nanoTime()) - startedNanos);
    }

    /** Completes with the exit code once the process has exited ({@code null} when unknowable). */
    CompletableFuture<Integer> onExit() {
        return exit;
    }

    /** The exit code (128 + the signal for a death by signal), or {@code null} while running or when unknowable. */
    Integer exitCode() {
        return exit.getNow(null);
    }
}
