package keeper.process.internal;

import java.time.Duration;
import java.time.Instant;
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
    private volatile long endedNanos;

    private Run(ProcessHandle handle, Instant startedAt, long startedNanos, CompletableFuture<Integer> exit) {
        this.handle = handle;
        this.startedAt = startedAt;
        this.startedNanos = startedNanos;
        this.exit = exit;
        exit.whenComplete((code, error) -> endedNanos = System.nanoTime());
    }

    /**
     * Called as soon as the spawn returns, which starts the clock of {@link #uptime()}.
     *
     * @param exit completes with the exit code (128 + signal for a death by signal), never exceptionally
     */
    static Run spawned(ProcessHandle handle, CompletableFuture<Integer> exit) {
        long now = System.nanoTime();
        return new Run(handle, handle.info().startInstant().orElseGet(Instant::now), now, exit);
    }

    /**
     * @param startedAt when the process started, as the state file recorded it: only its age at adoption is used
     * @param exit      completes when the process has exited (see {@link AdoptedExits})
     */
    static Run adopted(ProcessHandle handle, Instant startedAt, CompletableFuture<?> exit) {
        long age = Math.max(0, Duration.between(startedAt, Instant.now()).toNanos());
        return new Run(handle, startedAt, System.nanoTime() - age, exit.thenApply(exited -> null));
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
