package keeper.process.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The supervisor's own threads: one timer thread that only hands due work over, a pool of
 * workers that grows with the work in flight (exit handling, timed restarts, repeat actions, the
 * startup run), not with the number of children, a bounded pool for the spawns of a start in dependency
 * order, and a small bounded pool for probes. Nothing here polls.
 */
final class SupervisorThreads {

    private static final Logger LOG = System.getLogger(SupervisorThreads.class.getName());

    /** Operations {@link #inParallel} runs at once: spawning is kernel work, a few threads keep it busy. */
    static final int PARALLEL = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    /**
     * Probe threads: a probe blocks one at most for its timeout (a TCP connect, a log read); HTTP and exec probes
     * only wait on futures. Few suffice for a thousand children checked every few seconds (see bench/).
     */
    static final int PROBE_THREADS = 4;

    private final ScheduledThreadPoolExecutor timers;
    private final ExecutorService workers;
    private final ThreadPoolExecutor spawns;
    private final ThreadPoolExecutor probes;

    SupervisorThreads() {
        timers = new ScheduledThreadPoolExecutor(1, daemons("keeper-timer"));
        timers.setRemoveOnCancelPolicy(true);
        workers = Executors.newCachedThreadPool(daemons("keeper-worker"));
        spawns = bounded(PARALLEL, "keeper-spawn");
        probes = bounded(PROBE_THREADS, "keeper-probe");
    }

    /**
     * At most {@link #PARALLEL} threads, idle ones ending after a while; once shut down, the caller runs the task
     * (it refuses quickly then), so that whoever waits for it gets an answer.
     */
    Executor spawns() {
        return task -> {
            try {
                spawns.execute(task);
            } catch (RejectedExecutionException e) {
                task.run();
            }
        };
    }

    /** At most {@link #PROBE_THREADS} threads, for probe work that may block up to its timeout. */
    Executor probes() {
        return guarded(probes);
    }

    /** The workers; work handed over after {@link #shutdown()} is dropped (the supervisor no longer acts). */
    Executor workers() {
        return guarded(workers);
    }

    private static Executor guarded(ExecutorService pool) {
        return task -> {
            try {
                pool.execute(task);
            } catch (RejectedExecutionException e) {
                LOG.log(Level.DEBUG, "shut down: background work dropped");
            }
        };
    }

    void execute(String what, Runnable task) {
        workers().execute(logged(what, task));
    }

    /**
     * Runs {@code task} on a worker after {@code delay}: a slow task never holds up another timer. After
     * {@link #shutdown()}, answers a timer already cancelled.
     */
    ScheduledFuture<?> schedule(Duration delay, String what, Runnable task) {
        return schedule(delay, what, task, workers());
    }

    /** As {@link #schedule(Duration, String, Runnable)}, the task running on {@code executor} (e.g. {@link #probes()}). */
    ScheduledFuture<?> schedule(Duration delay, String what, Runnable task, Executor executor) {
        try {
            return timers.schedule(() -> executor.execute(logged(what, task)), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "shut down: {0} not scheduled", what);
            return new CancelledTimer();
        }
    }

    /**
     * Applies {@code task} to every item, {@link #PARALLEL} at a time, the calling thread taking its
     * share; answers the results in the items' order. Runs everything on the caller once shut down.
     */
    <T, R> List<R> inParallel(List<T> items, Function<T, R> task) {
        List<R> results = new ArrayList<>(Collections.nCopies(items.size(), null));
        AtomicInteger next = new AtomicInteger();
        Runnable share = () -> {
            for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                results.set(i, task.apply(items.get(i)));
            }
        };
        List<CompletableFuture<Void>> helpers = new ArrayList<>();
        try {
            for (int i = 1; i < Math.min(PARALLEL, items.size()); i++) {
                helpers.add(CompletableFuture.runAsync(share, workers));
            }
        } catch (RejectedExecutionException e) {
            // shut down: the caller does the rest alone
        }
        share.run();
        helpers.forEach(CompletableFuture::join);
        return results;
    }

    /** Pending timers are dropped; running work finishes on its own. */
    void shutdown() {
        timers.shutdownNow();
        workers.shutdown();
        spawns.shutdown();
        probes.shutdown();
    }

    /** {@code task}, logging what it throws: a failure in background work must not vanish silently. */
    static Runnable logged(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, what + " failed", e);
            }
        };
    }

    private static ThreadPoolExecutor bounded(int threads, String prefix) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemons(prefix));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
