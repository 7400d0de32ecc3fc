package keeper.process.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/**
 * The descendants of a process, read from {@code /proc/PID/task/TID/children}, which costs a few
 * reads per process of the tree. {@link ProcessHandle#descendants()} scans every process of the
 * system instead, once per call: stopping a thousand children would scan /proc a thousand times.
 * Falls back to it where the kernel does not offer the children files.
 */
final class ProcessTrees {

    private ProcessTrees() {
    }

    static List<ProcessHandle> descendants(ProcessHandle root) {
        Path rootTasks = Path.of("/proc", Long.toString(root.pid()), "task");
        if (!Files.isReadable(rootTasks.resolve(Long.toString(root.pid())).resolve("children"))) {
            return root.descendants().toList();
        }
        List<ProcessHandle> found = new ArrayList<>();
        Deque<Long> pending = new ArrayDeque<>(List.of(root.pid()));
        while (!pending.isEmpty()) {
            for (long child : children(pending.pop())) {
                ProcessHandle.of(child).ifPresent(found::add);
                pending.push(child);
            }
        }
        return found;
    }

    /** Children of every thread of {@code pid}; empty once it is gone. */
    private static List<Long> children(long pid) {
        List<Long> children = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                for (String child : Files.readString(task.resolve("children")).trim().split(" ")) {
                    if (!child.isEmpty()) {
                        children.add(Long.parseLong(child));
                    }
                }
            }
        } catch (IOException e) {
            // the process or one of its threads ended while being read: its children are re-parented anyway
        }
        return children;
    }
}
