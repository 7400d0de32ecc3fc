package keeper.process.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

import keeper.api.Health;
import keeper.api.HealthCheck;
import keeper.api.Probes;

/**
 * Checks one running process of a child: its {@code health} probe every interval, and its tree's memory against
 * {@code max_memory}. One check at a time, the next scheduled when one ends, on the supervisor's timer: no thread
 * waits between checks. Tells its {@link Listener} every result, and when the child must be restarted.
 */
final class HealthWatch implements AutoCloseable {

    interface Listener {
        /**
         * @param health    what the check found
         * @param restart   why the child must be restarted now, or {@code null}
         * @param wasHealthy whether a health check of this process ever passed (a restart of one that never did counts
         *                  as a failed start)
         */
        void checked(Health health, String restart, boolean wasHealthy);
    }

    private final String name;
    private final long pid;
    private final Probes probes;
    private final Path directory;
    private final LogCursor log;
    private final ProbeRunner runner;
    private final TreeMemory memory;
    private final SupervisorThreads threads;
    private final Listener listener;
    private volatile boolean closed;
    private volatile ScheduledFuture<?> next;
    private int failures;
    private boolean wasHealthy;
    private long overSince = -1;

    HealthWatch(String name, long pid, Probes probes, Path directory, LogCursor log, ProbeRunner runner,
            TreeMemory memory, SupervisorThreads threads, Listener listener) {
        this.name = name;
        this.pid = pid;
        this.probes = probes;
        this.directory = directory;
        this.log = log;
        this.runner = runner;
        this.memory = memory;
        this.threads = threads;
        this.listener = listener;
    }

    HealthWatch start() {
        schedule();
        return this;
    }

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> pending = next;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private Duration period() {
        return probes.health() != null ? probes.health().interval() : probes.memoryPeriod();
    }

    private void schedule() {
        if (!closed) {
            next = threads.schedule(period(), "health check of " + name, this::check, threads.probes());
        }
    }

    private void check() {
        if (closed) {
            return;
        }
        HealthCheck health = probes.health();
        CompletableFuture<ProbeResult> probe = health == null ? CompletableFuture.completedFuture(null)
                : runner.check(health.probe(), health.probe().timeout(), directory, log);
        // what a check found is handled on the thread that found it: a probe thread, or the JDK's for an exec
        probe.thenAccept(this::checked).whenComplete((done, error) -> schedule());
    }

    private synchronized void checked(ProbeResult result) {
        if (closed) {
            return;
        }
        String restart = null;
        Health.Condition condition = Health.Condition.HEALTHY;
        String detail = null;
        if (result != null) {
            detail = result.detail();
            if (result.passed()) {
                failures = 0;
                wasHealthy = true;
            } else {
                failures++;
                condition = Health.Condition.UNHEALTHY;
                if (failures >= probes.health().failures()) {
                    restart = "unhealthy: " + failures + " failed checks in a row, the last: " + detail;
                }
            }
        }
        if (probes.maxMemory() > 0) {
            long rss = memory.rss(name, pid);
            long now = System.nanoTime();
            if (rss > probes.maxMemory()) {
                condition = Health.Condition.UNHEALTHY;
                String over = "memory " + megabytes(rss) + " above max_memory " + megabytes(probes.maxMemory());
                detail = detail == null ? over : detail + "; " + over;
                if (overSince < 0) {
                    overSince = now;
                } else if (restart == null && now - overSince >= probes.memoryPeriod().toNanos()) {
                    restart = over + " for " + Durations.format(Duration.ofNanos(now - overSince));
                }
            } else {
                overSince = -1;
                if (detail == null) {
                    detail = "memory " + megabytes(rss);
                }
            }
        }
        listener.checked(new Health(condition, detail, Instant.now(), failures), restart,
                wasHealthy || probes.health() == null);
    }

    private static String megabytes(long bytes) {
        return (bytes + (1 << 19)) / (1 << 20) + " MB";
    }
}
