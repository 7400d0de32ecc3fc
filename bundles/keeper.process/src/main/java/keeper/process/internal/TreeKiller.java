package keeper.process.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;

import keeper.api.RunAs.StopSignal;
import keeper.api.StopResult;

/**
 * Stops children with everything they started ({@link ProcessTrees}): one stop signal (the child's
 * {@code stopsignal}, SIGTERM by default) to each child's process group, one to each of its processes
 * outside the group, then a wait of at most the child's stop timeout until the child and every one of
 * its processes are gone, signalling once each process that appears meanwhile (forked during shutdown),
 * and finally SIGKILL to whatever is left. No process receives a second stop signal: many programs take
 * a second SIGTERM for "quit now, skip the cleanup".
 * <p>
 * Several children are signalled together and watched together, so stopping many takes as long as the
 * slowest one and costs a number of {@code /proc} scans that depends on how long the stop takes, not on how
 * many children it stops: the wait wakes at the first exit, gathers the exits of the next {@link #POLL}, and
 * one scan then checks every child that exited for processes left behind.
 */
final class TreeKiller {

    /** How long a SIGKILLed process may take to be gone before it is reported as stuck. */
    static final Duration KILL_GRACE = Duration.ofSeconds(5);
    /** How long exits are gathered before one scan checks them, and how often leftovers are looked for. */
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

    private final ProcessGroups groups = new ProcessGroups();
    private final Function<ProcessTrees.MarkCache, ProcessTrees> scanner;
    private final ProcessTrees.MarkCache marksRead;

    /**
     * @param scanner   takes a scan of every process now, reading marks through the cache it is given
     * @param marksRead the marks read so far (by earlier stops, by re-adoption at boot) of processes still alive:
     *                  a stop reads only the marks of processes that came since
     */
    TreeKiller(Function<ProcessTrees.MarkCache, ProcessTrees> scanner, ProcessTrees.MarkCache marksRead) {
        this.scanner = scanner;
        this.marksRead = marksRead;
    }

    List<Report> stop(List<Target> targets) {
        if (targets.isEmpty()) {
            return List.of();
        }
        long signalledAt = System.nanoTime();
        ProcessTrees.MarkCache marks = marksRead.knowing(targets.stream()
                .collect(Collectors.toMap(target -> target.process().pid(), Target::name, (a, b) -> a)));
        ProcessTrees before = scanner.apply(marks);
        List<Stopping> stopping = targets.stream().map(target -> new Stopping(target, signalledAt)).toList();
        // groups first, while every leader is surely not reaped, so that no group id can have been reused
        Set<Long> grouped = new HashSet<>();
        targets.stream().filter(target -> !target.exit().isDone())
                .collect(Collectors.groupingBy(Target::signal, () -> new EnumMap<>(StopSignal.class),
                        Collectors.mapping(target -> target.process().pid(), Collectors.toSet())))
                .forEach((signal, leaders) -> grouped.addAll(groups.signal(signal.name(), leaders)));
        for (Stopping child : stopping) {
            child.terminate(before, grouped.contains(child.pid()));
        }
        List<Stopping> open = new ArrayList<>(stopping);
        boolean interrupted = false;
        while (!open.isEmpty()) {
            if (!awaitChange(open) && !interrupted) {
                // closing: no more waiting, SIGKILL for what is left (then the usual grace, to report survivors)
                interrupted = true;
                open.forEach(Stopping::hurry);
            }
            ProcessTrees trees = open.stream().anyMatch(Stopping::wantsScan) ? scanner.apply(marks) : null;
            open.removeIf(child -> child.step(trees));
            killOverdue(open);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return stopping.stream().map(child -> child.report).toList();
    }

    /** SIGKILL to the groups and own processes of the children whose stop timeout just ran out, in one go. */
    private void killOverdue(List<Stopping> open) {
        List<Stopping> overdue = open.stream().filter(child -> child.timedOut && !child.killSent).toList();
        if (overdue.isEmpty()) {
            return;
        }
        // their exits are not seen, so they are not reaped: their group ids are theirs
        groups.signal("KILL", overdue.stream().map(Stopping::pid).collect(Collectors.toSet()));
        for (Stopping child : overdue) {
            child.target.process().destroyForcibly();
            child.killSent = true;
        }
    }

    /**
     * Waits for something to look at: the first exit (then up to {@link #POLL} more for the others to exit too),
     * {@link #POLL} while leftovers are watched or killed, and never past the earliest deadline. False when the
     * thread was interrupted.
     */
    private static boolean awaitChange(List<Stopping> open) {
        long deadline = open.stream().mapToLong(Stopping::deadline).reduce((a, b) -> a - b < 0 ? a : b).orElseThrow();
        CompletableFuture<?>[] running = open.stream().filter(Stopping::running).map(child -> child.exitedAt)
                .toArray(CompletableFuture[]::new);
        boolean exitedUnchecked = open.stream().anyMatch(Stopping::exitedUnchecked);
        boolean polling = open.stream().anyMatch(Stopping::polling);
        if (!exitedUnchecked && !polling && running.length > 0
                && !await(CompletableFuture.anyOf(running), deadline)) {
            return false;
        }
        long batchEnd = System.nanoTime() + Math.min(deadline - System.nanoTime(), POLL.toNanos());
        if (running.length > 0) {
            return await(CompletableFuture.allOf(running), batchEnd);
        }
        if (polling) {
            LockSupport.parkNanos(Math.max(0, batchEnd - System.nanoTime()));
        }
        return !Thread.interrupted();
    }

    /** One child being stopped, from its stop signal to its {@link Report}. */
    private final class Stopping {
        final Target target;
        final long signalledAt;
        long termDeadline;
        final CompletableFuture<Long> exitedAt;
        /** The processes that got their stop signal. */
        final Set<Long> signalled = new HashSet<>();
        /** The processes SIGKILLed. */
        final Set<Long> killed = new HashSet<>();
        /** Leftovers were seen: looked for again every {@link #POLL}. */
        boolean watching;
        /** Since when SIGKILL goes out (System.nanoTime), or 0 before; {@code timedOut} when to its own process. */
        long killingSince;
        boolean timedOut;
        /** Whether the SIGKILL of a timed out child went out. */
        boolean killSent;
        Report report;

        Stopping(Target target, long signalledAt) {
            this.target = target;
            this.signalledAt = signalledAt;
            this.termDeadline = signalledAt + target.timeout().toNanos();
            this.exitedAt = target.exit().thenApply(exited -> System.nanoTime());
        }

        long pid() {
            return target.process().pid();
        }

        /** When it must be looked at at the latest (System.nanoTime). */
        long deadline() {
            return killingSince == 0 ? termDeadline : killingSince + KILL_GRACE.toNanos();
        }

        boolean running() {
            return !exitedAt.isDone();
        }

        boolean exitedUnchecked() {
            return !polling() && exitedAt.isDone();
        }

        /** Whether it is looked at every {@link #POLL}: leftovers seen, or SIGKILL sent. */
        boolean polling() {
            return watching || killingSince != 0;
        }

        /** Its stop timeout is over now. */
        void hurry() {
            termDeadline = Math.min(termDeadline - System.nanoTime(), 0) + System.nanoTime();
        }

        boolean wantsScan() {
            return killingSince != 0 || exitedAt.isDone() || System.nanoTime() - termDeadline >= 0;
        }

        /**
         * One SIGTERM to each process of the child not signalled yet.
         *
         * @param grouped whether the group signal just reached the members of the child's group in {@code trees}
         */
        void terminate(ProcessTrees trees, boolean grouped) {
            Set<Long> unsignalled = new HashSet<>();
            for (long pid : trees.of(target.name(), pid())) {
                boolean reachedByGroup = grouped && trees.inGroup(pid, pid());
                if (signalled.add(pid) && !reachedByGroup) {
                    unsignalled.add(pid);
                }
            }
            if (target.signal() == StopSignal.TERM) {
                unsignalled.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
            } else {
                groups.signalProcesses(target.signal().name(), unsignalled);
            }
        }

        /** Acts on what {@code trees} (a scan of now, or {@code null} when none was needed) shows; true once done. */
        boolean step(ProcessTrees trees) {
            long now = System.nanoTime();
            Long exited = exitTime();
            if (killingSince != 0) {
                return killStep(trees.of(target.name(), pid()), exited, now);
            }
            if (exited == null) {
                if (now - termDeadline >= 0) {
                    timedOut = true;
                    killingSince = now; // SIGKILL goes out for all the overdue at once (killOverdue)
                }
                return false;
            }
            if (trees == null || trees.takenAt() - exited < 0) {
                return false; // the scan began before the exit was seen: the next one tells what is left
            }
            Set<Long> left = trees.of(target.name(), pid());
            if (left.isEmpty()) {
                report = new Report(StopResult.End.TERMINATED, Duration.ofNanos(exited - signalledAt), 0, Set.of());
                return true;
            }
            if (now - termDeadline >= 0) {
                killingSince = now;
                return killStep(left, exited, now);
            }
            watching = true;
            terminate(trees, false);
            return false;
        }

        /** SIGKILL to what is left until it is gone or {@link #KILL_GRACE} is over; true once done. */
        private boolean killStep(Set<Long> left, Long exited, long now) {
            boolean ownGone = exited != null;
            boolean graceOver = now - (killingSince + KILL_GRACE.toNanos()) >= 0;
            if (!(left.isEmpty() && ownGone) && !graceOver) {
                left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
                killed.addAll(left);
                return false;
            }
            if (timedOut) {
                report = new Report(ownGone ? StopResult.End.KILLED_AFTER_TIMEOUT : StopResult.End.SURVIVED_KILL,
                        Duration.ofNanos(now - signalledAt), 0, left);
            } else {
                report = new Report(StopResult.End.TERMINATED, Duration.ofNanos(exited - signalledAt), killed.size(),
                        left);
            }
            return true;
        }

        /** When its own process exited (System.nanoTime), or {@code null} while it runs. */
        private Long exitTime() {
            try {
                return exitedAt.getNow(null);
            } catch (CompletionException e) {
                throw new IllegalStateException("exit watch failed", e.getCause());
            }
        }
    }

    /**
     * Waits until {@code future} is done or {@code deadline} (System.nanoTime) passes, whichever first; false when
     * the thread was interrupted (its interrupt status is cleared: the caller stops waiting and restores it).
     */
    private static boolean await(CompletableFuture<?> future, long deadline) {
        try {
            future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // either way there is something to look at now
        } catch (InterruptedException e) {
            return false;
        }
        return true;
    }
}
