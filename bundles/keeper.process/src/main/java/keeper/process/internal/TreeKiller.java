package keeper.process.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import keeper.api.StopResult;

/**
 * Stops process trees: SIGTERM to each child, its process group and every descendant it has, a wait
 * of at most the child's stop timeout, then SIGKILL to whatever is left. Several trees are signalled together and
 * waited for together, so stopping many children takes as long as the slowest one, not the sum.
 * Descendants are collected before anything is signalled: once a parent dies its children are
 * re-parented and can no longer be found from it.
 */
final class TreeKiller {

    /** How long a SIGKILLed process may take to be gone before it is reported as stuck. */
    static final Duration KILL_GRACE = Duration.ofSeconds(5);

    /**
     * @param name    the child, for messages
     * @param process the child's process
     * @param exit    completes when the child's process has exited
     * @param timeout how long after SIGTERM before SIGKILL
     */
    record Target(String name, ProcessHandle process, CompletableFuture<?> exit, Duration timeout) {
    }

    /**
     * How one stop ended.
     *
     * @param elapsed   from SIGTERM until the child's process was gone (or given up on)
     * @param leftovers descendants that outlived the child and were killed
     */
    record Report(StopResult.End end, Duration elapsed, int leftovers) {
    }

    private record Signalled(Target target, List<ProcessHandle> descendants, CompletableFuture<Long> exitedAt) {
    }

    private final ProcessGroups groups = new ProcessGroups();

    List<Report> stop(List<Target> targets) {
        long signalledAt = System.nanoTime();
        List<Signalled> signalled = targets.stream().map(TreeKiller::collect).toList();
        // groups first, while every leader is surely alive (ProcessGroups signals no group whose leader is gone)
        groups.signal("TERM", targets.stream().map(Target::process).toList());
        signalled.forEach(TreeKiller::terminate);
        return signalled.stream().map(s -> finish(s, signalledAt)).toList();
    }

    private static Signalled collect(Target target) {
        CompletableFuture<Long> exitedAt = target.exit().thenApply(exited -> System.nanoTime());
        return new Signalled(target, ProcessTrees.descendants(target.process()), exitedAt);
    }

    private static void terminate(Signalled signalled) {
        signalled.target().process().destroy();
        signalled.descendants().forEach(ProcessHandle::destroy);
    }

    private Report finish(Signalled signalled, long signalledAt) {
        Target target = signalled.target();
        long deadline = signalledAt + target.timeout().toNanos();
        Long exitedAt = await(signalled.exitedAt(), deadline);
        if (exitedAt == null) {
            return kill(signalled, signalledAt);
        }
        int leftovers = killLeftovers(signalled.descendants(), deadline);
        return new Report(StopResult.End.TERMINATED, Duration.ofNanos(exitedAt - signalledAt), leftovers);
    }

    private Report kill(Signalled signalled, long signalledAt) {
        Target target = signalled.target();
        groups.signal("KILL", List.of(target.process()));
        target.process().destroyForcibly();
        signalled.descendants().forEach(ProcessHandle::destroyForcibly);
        StopResult.End end = await(target.exit(), System.nanoTime() + KILL_GRACE.toNanos()) == null
                ? StopResult.End.SURVIVED_KILL
                : StopResult.End.KILLED_AFTER_TIMEOUT;
        return new Report(end, Duration.ofNanos(System.nanoTime() - signalledAt), 0);
    }

    /** Waits for descendants that outlived the child itself until the deadline, then SIGKILLs them; answers how many. */
    private static int killLeftovers(List<ProcessHandle> descendants, long deadline) {
        List<ProcessHandle> alive = descendants.stream().filter(ProcessHandle::isAlive).toList();
        alive.forEach(process -> await(process.onExit(), deadline));
        List<ProcessHandle> stubborn = alive.stream().filter(ProcessHandle::isAlive).toList();
        stubborn.forEach(ProcessHandle::destroyForcibly);
        return stubborn.size();
    }

    /** The future's value once done, or {@code null} if it is not done by {@code deadline} (System.nanoTime). */
    private static <T> T await(CompletableFuture<T> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("exit watch failed", e.getCause());
        }
    }
}
