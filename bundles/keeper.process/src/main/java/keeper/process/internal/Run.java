package keeper.process.internal;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One process of a child: spawned by this supervisor, or adopted from the state file after a
 * server restart (then no exit code can be known, as the process is not this server's child).
 */
final class Run {

    private final ProcessHandle handle;
    private final Instant startedAt;
    private final CompletableFuture<Integer> exit;

    private Run(ProcessHandle handle, Instant startedAt, CompletableFuture<Integer> exit) {
        this.handle = handle;
        this.startedAt = startedAt;
        this.exit = exit;
    }

    /** @param exit completes with the exit code (128 + signal for a death by signal), never exceptionally */
    static Run spawned(ProcessHandle handle, CompletableFuture<Integer> exit) {
        return new Run(handle, handle.info().startInstant().orElseGet(Instant::now), exit);
    }

    /** @param exit completes when the process has exited (see {@link AdoptedExits}) */
    static Run adopted(ProcessHandle handle, Instant startedAt, CompletableFuture<?> exit) {
        return new Run(handle, startedAt, exit.thenApply(exited -> null));
    }

    long pid() {
        return handle.pid();
    }

    ProcessHandle handle() {
        return handle;
    }

    Instant startedAt() {
        return startedAt;
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
