package keeper.process.internal;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import keeper.api.RunAs.StopSignal;
import keeper.api.StopResult;

/**
 * Stops children with everything they started ({@link ProcessTrees}): one stop signal (the child's
 * {@code stopsignal}, SIGTERM by default) to each child's process group, one to each of its processes
 * outside the group, then a wait of at most the child's stop timeout until the child and every one of
 * its processes are gone, signalling once each process that appears meanwhile (forked during shutdown),
 * and finally SIGKILL to whatever is left. No process receives a second stop signal: many programs take
 * a second SIGTERM for "quit now, skip the cleanup". Several children are signalled together and waited
 * for together, so stopping many takes as long as the slowest one.
 */
final class TreeKiller {

    /** How long a SIGKILLed process may take to be gone before it is reported as stuck. */
    static final Duration KILL_GRACE = Duration.ofSeconds(5);
    /** How often leftovers are looked for once a child's own process has exited. */
    private static final Duration POLL = Duration.ofMillis(50);

    /**
     * @param name    the child, for messages
     * @param process the child's process
     * @param exit    completes when the child's process has exited
     * @param timeout how long after the stop signal before SIGKILL
     * @param signal  the stop signal
     */
    record Target(String name, ProcessHandle process, CompletableFuture<?> exit, Duration timeout, StopSignal signal) {
    }

    /**
     * How one stop ended.
     *
     * @param elapsed   from SIGTERM until the child's process was gone (or given up on)
     * @param leftovers processes of the child that outlived it and were killed
     * @param survivors processes of the child that outlived even SIGKILL (the stop failed when any)
     */
    record Report(StopResult.End end, Duration elapsed, int leftovers, Set<Long> survivors) {
    }

    /** One child being stopped: the processes it had and which of them got their SIGTERM. */
    private static final class Stopping {
        final Target target;
        final CompletableFuture<Long> exitedAt;
        final Set<Long> signalled = new HashSet<>();

        Stopping(Target target) {
            this.target = target;
            this.exitedAt = target.exit().thenApply(exited -> System.nanoTime());
        }

        long pid() {
            return target.process().pid();
        }
    }

    private final ProcessGroups groups = new ProcessGroups();
    private final ChildMarks marks;
    private final Supplier<Set<Long>> adopters;

    /** @param adopters the spawn helpers' pids: they adopt orphans and are never a child's */
    TreeKiller(ChildMarks marks, Supplier<Set<Long>> adopters) {
        this.marks = marks;
        this.adopters = adopters;
    }

    List<Report> stop(List<Target> targets) {
        long signalledAt = System.nanoTime();
        Scans scans = new Scans();
        ProcessTrees before = scans.after(signalledAt);
        List<Stopping> stopping = targets.stream().map(Stopping::new).toList();
        // groups first, while every leader is surely alive (ProcessGroups signals no group whose leader is gone)
        Set<Long> grouped = new HashSet<>();
        targets.stream().collect(Collectors.groupingBy(Target::signal, () -> new EnumMap<>(StopSignal.class),
                Collectors.mapping(Target::process, Collectors.toList())))
                .forEach((signal, leaders) -> grouped.addAll(groups.signal(signal.name(), leaders)));
        for (Stopping child : stopping) {
            terminate(child, before, grouped.contains(child.pid()));
        }
        return stopping.stream().map(child -> finish(child, signalledAt, scans)).toList();
    }

    /**
     * One SIGTERM to each process of the child not signalled yet.
     *
     * @param grouped whether the group signal just reached the members of the child's group in {@code trees}
     */
    private void terminate(Stopping child, ProcessTrees trees, boolean grouped) {
        Set<Long> unsignalled = new HashSet<>();
        for (long pid : trees.of(child.target.name(), child.pid())) {
            boolean reachedByGroup = grouped && trees.inGroup(pid, child.pid());
            if (child.signalled.add(pid) && !reachedByGroup) {
                unsignalled.add(pid);
            }
        }
        if (child.target.signal() == StopSignal.TERM) {
            unsignalled.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
        } else {
            groups.signalProcesses(child.target.signal().name(), unsignalled);
        }
    }

    private Report finish(Stopping child, long signalledAt, Scans scans) {
        Target target = child.target;
        long deadline = signalledAt + target.timeout().toNanos();
        Long exitedAt = await(child.exitedAt, deadline);
        if (exitedAt == null) {
            return kill(child, signalledAt, scans);
        }
        Set<Long> left = awaitLeftovers(child, exitedAt, deadline, scans);
        Killed killed = left.isEmpty() ? new Killed(0, Set.of()) : killAll(child, left, scans);
        return new Report(StopResult.End.TERMINATED, Duration.ofNanos(exitedAt - signalledAt), killed.count(),
                killed.stuck());
    }

    /** Waits until the child's other processes are gone, SIGTERMing new ones; answers those left at the deadline. */
    private Set<Long> awaitLeftovers(Stopping child, long exitedAt, long deadline, Scans scans) {
        long since = exitedAt;
        while (true) {
            ProcessTrees now = scans.after(since);
            Set<Long> left = now.of(child.target.name(), child.pid());
            if (left.isEmpty() || System.nanoTime() - deadline >= 0) {
                return left;
            }
            terminate(child, now, false);
            pause(deadline);
            since = System.nanoTime();
        }
    }

    private Report kill(Stopping child, long signalledAt, Scans scans) {
        Target target = child.target;
        groups.signal("KILL", List.of(target.process()));
        target.process().destroyForcibly();
        Set<Long> stuck = killAll(child, scans.after(System.nanoTime()).of(target.name(), child.pid()), scans).stuck();
        StopResult.End end = await(target.exit(), System.nanoTime() + KILL_GRACE.toNanos()) == null
                ? StopResult.End.SURVIVED_KILL
                : StopResult.End.KILLED_AFTER_TIMEOUT;
        return new Report(end, Duration.ofNanos(System.nanoTime() - signalledAt), 0, stuck);
    }

    /** What SIGKILL did: how many processes it was sent to, and those still there after {@link #KILL_GRACE}. */
    private record Killed(int count, Set<Long> stuck) {
    }

    /** SIGKILLs {@code processes} and whatever of the child appears until they are gone or the grace is over. */
    private Killed killAll(Stopping child, Set<Long> processes, Scans scans) {
        Set<Long> killed = new HashSet<>();
        long deadline = System.nanoTime() + KILL_GRACE.toNanos();
        Set<Long> left = processes;
        while (!left.isEmpty()) {
            for (long pid : left) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            killed.addAll(left);
            if (System.nanoTime() - deadline >= 0) {
                return new Killed(killed.size(), left);
            }
            pause(deadline);
            left = scans.after(System.nanoTime()).of(child.target.name(), child.pid());
        }
        return new Killed(killed.size(), Set.of());
    }

    /**
     * The scans of one stop, sharing the marks read: a scan taken after a moment serves every child that
     * asks about that moment, so stopping many children at once scans /proc a few times, not once per child.
     */
    private final class Scans {
        private final ProcessTrees.MarkCache marksRead = new ProcessTrees.MarkCache();
        private ProcessTrees latest;

        /** A scan begun after {@code moment} (System.nanoTime). */
        ProcessTrees after(long moment) {
            if (latest == null || latest.takenAt() - moment < 0) {
                latest = ProcessTrees.scan(marks, adopters.get(), marksRead);
            }
            return latest;
        }
    }

    private static void pause(long deadline) {
        LockSupport.parkNanos(Math.max(0, Math.min(POLL.toNanos(), deadline - System.nanoTime())));
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
