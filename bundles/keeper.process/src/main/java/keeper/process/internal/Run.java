package keeper.process.internal;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One process of a child: spawned by this supervisor, or adopted from the state file after a
 * server restart (then no exit code can be known, as the process is not this JVM's child).
 */
final class Run {

    private final ProcessHandle handle;
    private final Process process;
    private final Instant startedAt;
    private final CompletableFuture<?> adoptedExit;

    private Run(ProcessHandle handle, Process process, Instant startedAt, CompletableFuture<?> adoptedExit) {
        this.handle = handle;
        this.process = process;
        this.startedAt = startedAt;
        this.adoptedExit = adoptedExit;
    }

    static Run spawned(Process process) {
        ProcessHandle handle = process.toHandle();
        return new Run(handle, process, handle.info().startInstant().orElseGet(Instant::now), null);
    }

    /** @param exit completes when the process has exited (see {@link AdoptedExits}) */
    static Run adopted(ProcessHandle handle, Instant startedAt, CompletableFuture<?> exit) {
        return new Run(handle, null, startedAt, exit);
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

    /** Completes once the process has exited (for a spawned one: once its exit code is known). */
    CompletableFuture<?> onExit() {
        return process != null ? process.onExit() : adoptedExit;
    }

    /** The exit code (128 + signal for a death by signal), or {@code null} while running or when unknowable. */
    Integer exitCode() {
        return process != null && !process.isAlive() ? process.exitValue() : null;
    }
}
