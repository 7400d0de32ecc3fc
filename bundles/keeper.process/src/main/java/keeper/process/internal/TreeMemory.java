package keeper.process.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The resident memory of a child's whole process tree ({@link ProcessTrees}: its process, its group, marked
 * processes and their descendants), summed from {@code /proc/PID/status}. One scan of {@code /proc} serves every
 * child measured within {@link #SCAN_AGE}, so a thousand children with {@code max_memory} cost one scan, not a
 * thousand.
 */
final class TreeMemory {

    static final Duration SCAN_AGE = Duration.ofSeconds(1);

    private final ChildMarks marks;
    private final Supplier<Set<Long>> adopters;
    private final ProcessTrees.MarkCache cache = new ProcessTrees.MarkCache();
    private ProcessTrees last;

    TreeMemory(ChildMarks marks, Supplier<Set<Long>> adopters) {
        this.marks = marks;
        this.adopters = adopters;
    }

    /** Bytes resident in the processes of child {@code name} whose own process is {@code pid}. */
    long rss(String name, long pid) {
        long bytes = 0;
        for (long process : scan().of(name, pid)) {
            bytes += rssOf(process);
        }
        return bytes;
    }

    private synchronized ProcessTrees scan() {
        if (last == null || System.nanoTime() - last.takenAt() > SCAN_AGE.toNanos()) {
            last = ProcessTrees.scan(marks, adopters.get(), cache);
        }
        return last;
    }

    /** {@code VmRSS} of one process in bytes; 0 for a process gone meanwhile or a kernel thread. */
    static long rssOf(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] words = line.substring("VmRSS:".length()).trim().split("\\s+");
                    return Long.parseLong(words[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone between the scan and this read, or unreadable: it holds no memory we can count
        }
        return 0;
    }
}
