package keeper.process.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Notices the exit of re-adopted children. They are no longer this JVM's children, so no exit
 * status reaches it and only checking on them works. {@link ProcessHandle#onExit()} does check,
 * but takes a zombie for a live process: where nothing reaps orphans (a container whose first
 * process is not an init), a re-adopted child that exited would look alive forever.
 */
final class AdoptedExits {

    static final Duration PERIOD = Duration.ofMillis(500);

    private final SupervisorThreads threads;

    AdoptedExits(SupervisorThreads threads) {
        this.threads = threads;
    }

    /** Completes once {@code process} has exited, zombie or not. */
    CompletableFuture<Void> exitOf(ProcessHandle process) {
        CompletableFuture<Void> exit = new CompletableFuture<>();
        check(process, exit);
        return exit;
    }

    /** Whether {@code process} still runs code: alive and not a zombie. */
    static boolean runs(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return !stat.startsWith("Z", stat.lastIndexOf(')') + 2);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return process.isAlive();
        }
    }

    private void check(ProcessHandle process, CompletableFuture<Void> exit) {
        if (!runs(process)) {
            exit.complete(null);
            return;
        }
        // once the supervisor is closed, the timer never runs: nobody waits for this exit any more
        threads.schedule(PERIOD, "exit watch of pid " + process.pid(), () -> check(process, exit));
    }
}
