package keeper.process.internal;

import java.time.Duration;

/**
 * The resident memory of a child's whole process tree, as {@link TreeMeter} reads it, for {@code max_memory}. One
 * scan of {@code /proc} serves every child measured within {@link #SCAN_AGE}, so a thousand children with
 * {@code max_memory} cost one scan, not a thousand.
 */
final class TreeMemory {

    static final Duration SCAN_AGE = Duration.ofSeconds(1);

    private final TreeMeter meter;
    private ProcessTrees last;

    TreeMemory(TreeMeter meter) {
        this.meter = meter;
    }

    /** Bytes resident in the processes of child {@code name} whose own process is {@code pid}. */
    long rss(String name, long pid) {
        return meter.measure(scan(), name, pid).residentBytes();
    }

    private synchronized ProcessTrees scan() {
        if (last == null || System.nanoTime() - last.takenAt() > SCAN_AGE.toNanos()) {
            last = meter.scan(new ProcessTrees.MarkCache());
        }
        return last;
    }
}
