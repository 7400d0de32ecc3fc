package keeper.process.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import keeper.api.ChildStatus;
import keeper.api.TreeUsage;

/**
 * Adds up what each child's processes use, from one {@link ProcessTrees} scan taken when asked: the
 * same processes a stop would signal, so a child's figures include what it started and lost track of.
 */
final class TreeMeter {

    /** USER_HZ, the unit of the times in {@code /proc/PID/stat}: 100 on every Linux ABI. */
    static final long TICKS_PER_SECOND = 100;

    private static final long AT_PAGESZ = 6;
    private static final long FALLBACK_PAGE_SIZE = 4096;

    private final ChildMarks marks;
    private final Supplier<Set<Long>> adopters;
    private final long pageSize = pageSize();

    /** @param adopters the spawn helpers' pids (see {@link ProcessTrees#scan}) */
    TreeMeter(ChildMarks marks, Supplier<Set<Long>> adopters) {
        this.marks = marks;
        this.adopters = adopters;
    }

    /** A reading for each of {@code statuses} that has a process, in their order. */
    List<TreeUsage> measure(List<ChildStatus> statuses) {
        List<ChildStatus> withProcess = statuses.stream().filter(status -> status.state().hasProcess()).toList();
        if (withProcess.isEmpty()) {
            return List.of();
        }
        ProcessTrees trees = scan(new ProcessTrees.MarkCache());
        List<TreeUsage> readings = new ArrayList<>(withProcess.size());
        for (ChildStatus child : withProcess) {
            readings.add(measure(trees, child.name(), child.pid()));
        }
        return List.copyOf(readings);
    }

    /** What child {@code name}, whose own process is {@code pid}, uses in {@code trees}. */
    TreeUsage measure(ProcessTrees trees, String name, long pid) {
        int processes = 0;
        long ticks = 0;
        long pages = 0;
        for (long member : trees.of(name, pid)) {
            ProcessScan.Entry process = trees.process(member).orElse(null);
            if (process != null) {
                processes++;
                ticks += process.cpuTicks();
                pages += process.rssPages();
            }
        }
        return new TreeUsage(name, pid, processes, pages * pageSize, Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND));
    }

    /** A scan of every process now, for {@link #measure(ProcessTrees, String, long)} and for {@link TreeKiller}. */
    ProcessTrees scan(ProcessTrees.MarkCache cache) {
        return ProcessTrees.scan(marks, adopters.get(), cache);
    }

    /** The kernel's page size, from this process's auxiliary vector (Java has no call for it). */
    private static long pageSize() {
        try {
            ByteBuffer vector = ByteBuffer.wrap(Files.readAllBytes(Path.of("/proc/self/auxv")))
                    .order(ByteOrder.nativeOrder());
            while (vector.remaining() >= 16) {
                long type = vector.getLong();
                long value = vector.getLong();
                if (type == AT_PAGESZ) {
                    return value;
                }
            }
        } catch (IOException e) {
            // not Linux, or /proc hidden: the common size is the best guess left
        }
        return FALLBACK_PAGE_SIZE;
    }
}
