package keeper.process.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import keeper.api.ChildSpec;
import keeper.api.ChildState;
import keeper.api.ChildStatus;
import keeper.api.Rotation;

/**
 * One task for every child's logs: it looks at the size of each output file of each child that has a process (one
 * stat per file) and rotates those past their limit ({@link CopyTruncate}). A file that grew since its last look is
 * looked at again after {@link #PERIOD}; one that did not waits twice as long as the time before, up to
 * {@link #LONGEST_WAIT}, so quiet children (most of them, most of the time) cost a stat every few seconds instead of
 * one a second. A child that (re)starts has its files looked at within {@link #PERIOD} again. Rounds run only when a
 * file is due, one at a time (a file due soon is looked at with the others: {@link #early}), and the task costs no
 * thread per child.
 */
final class LogRotationTask {

    private static final Logger LOG = System.getLogger(LogRotationTask.class.getName());
    /** A file that grows may pass its limit by what its child writes in this time. */
    static final Duration PERIOD = Duration.ofSeconds(1);
    /** A file that stopped growing may pass its limit by what its child writes in this time once it starts again. */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(10);

    /** The size of a file; a seam for tests that count the stats. */
    @FunctionalInterface
    interface FileSizes {
        long of(Path file) throws IOException;
    }

    /** What is known of one file: its size at the last look, and when to look again. */
    private static final class Watch {
        long size = -1;
        long wait;
        long due;

        Watch(long now) {
            this.wait = PERIOD.toNanos();
            this.due = now;
        }
    }

    private final Supplier<List<ChildStatus>> children;
    private final Path stateDir;
    private final SupervisorThreads threads;
    private final FileSizes sizes;
    private final LongSupplier clock;
    /** Files whose last rotation failed: said once, and once more when they rotate again. */
    private final Set<Path> failing = new HashSet<>();
    private final Map<Path, Watch> watches = new HashMap<>();
    /** Children that got a new process since the last round: their files are looked at afresh. */
    private final Set<String> restarted = ConcurrentHashMap.newKeySet();

    // The next round, guarded by 'this'.
    private ScheduledFuture<?> next;
    private long nextAt;
    private boolean running;

    LogRotationTask(Supplier<List<ChildStatus>> children, Path stateDir, SupervisorThreads threads) {
        this(children, stateDir, threads, Files::size, System::nanoTime);
    }

    LogRotationTask(Supplier<List<ChildStatus>> children, Path stateDir, SupervisorThreads threads, FileSizes sizes,
            LongSupplier clock) {
        this.children = children;
        this.stateDir = stateDir;
        this.threads = threads;
        this.sizes = sizes;
        this.clock = clock;
    }

    void start() {
        planWithin(PERIOD);
    }

    /** Every transition: a child that has a new process has its files looked at within {@link #PERIOD}. */
    void changed(Transition transition) {
        if (transition.state() == ChildState.RUNNING) {
            restarted.add(transition.name());
            planWithin(PERIOD);
        }
    }

    private void planWithin(Duration wait) {
        synchronized (this) {
            // a running round plans the next one when it ends, and sees the restarted children then
            if (running) {
                return;
            }
            long at = clock.getAsLong() + wait.toNanos();
            if (next != null && nextAt - at <= 0) {
                return;
            }
            if (next != null) {
                next.cancel(false);
            }
            nextAt = at;
            next = threads.schedule(wait, "log rotation", this::round);
        }
    }

    private void round() {
        synchronized (this) {
            running = true;
            next = null;
        }
        Duration wait = LONGEST_WAIT;
        try {
            wait = rotateDue();
        } finally {
            synchronized (this) {
                running = false;
                if (!restarted.isEmpty()) {
                    wait = PERIOD;
                }
            }
            planWithin(wait);
        }
    }

    /**
     * Looks at the files that are due and rotates those past their limit; answers how long until the next file is
     * due (package-private: tests call it without waiting for the timer).
     */
    synchronized Duration rotateDue() {
        long now = clock.getAsLong();
        Map<Path, LogFile> files = files();
        Set<String> fresh = Set.copyOf(restarted);
        restarted.removeAll(fresh);
        watches.keySet().retainAll(files.keySet());
        failing.retainAll(files.keySet());
        long soonest = now + LONGEST_WAIT.toNanos();
        for (Map.Entry<Path, LogFile> file : files.entrySet()) {
            Watch watch = watches.computeIfAbsent(file.getKey(), path -> new Watch(now));
            if (fresh.contains(file.getValue().child())) {
                watch.wait = PERIOD.toNanos();
                watch.due = now;
            }
            if (watch.due - now <= early(watch)) {
                look(file.getKey(), file.getValue().rotation(), watch, now);
            }
            soonest = Math.min(soonest, watch.due);
        }
        return Duration.ofNanos(Math.max(PERIOD.toNanos(), soonest - now));
    }

    /**
     * How early a file may be looked at: half its wait, at most a {@link #PERIOD}. Files of children started within
     * a second of each other so fall in step at their first long wait, and share their rounds from then on.
     */
    private static long early(Watch watch) {
        return Math.min(watch.wait / 2, PERIOD.toNanos());
    }

    private void look(Path file, Rotation rotation, Watch watch, long now) {
        long size;
        try {
            size = sizes.of(file);
        } catch (NoSuchFileException e) {
            size = -1; // not there yet: look again soon
        } catch (IOException e) {
            size = -1;
            failed(file, e);
        }
        boolean quiet = size >= 0 && size == watch.size;
        watch.wait = quiet ? Math.min(2 * watch.wait, LONGEST_WAIT.toNanos()) : PERIOD.toNanos();
        watch.due = now + watch.wait;
        watch.size = size;
        if (size < 0 || !CopyTruncate.due(size, rotation)) {
            return;
        }
        try {
            CopyTruncate.rotate(file, rotation.backups());
            watch.size = 0;
            if (failing.remove(file)) {
                LOG.log(Level.INFO, "rotated {0} again", file);
            }
        } catch (IOException e) {
            failed(file, e);
        }
    }

    private void failed(Path file, IOException e) {
        if (failing.add(file)) {
            LOG.log(Level.WARNING, "cannot rotate {0}: {1}", file, IoReasons.of(e));
        }
    }

    /** Each file once, also when stdout and stderr share it (stdout's rotation then counts). */
    private Map<Path, LogFile> files() {
        Map<Path, LogFile> files = new LinkedHashMap<>();
        for (ChildStatus child : children.get()) {
            ChildSpec spec = child.spec();
            if (spec != null && child.state().hasProcess()) {
                files.putIfAbsent(spec.effectiveStdout(stateDir).path(),
                        new LogFile(child.name(), spec.logRotation().stdout()));
                files.putIfAbsent(spec.effectiveStderr(stateDir).path(),
                        new LogFile(child.name(), spec.logRotation().stderr()));
            }
        }
        return files;
    }

    /** An output file of {@code child}, rotated by {@code rotation}. */
    private record LogFile(String child, Rotation rotation) {
    }
}
