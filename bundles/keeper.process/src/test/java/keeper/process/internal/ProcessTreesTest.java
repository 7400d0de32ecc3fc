package keeper.process.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class ProcessTreesTest {

    @Test
    void findsChildrenAndGrandchildren() throws Exception {
        Process root = new ProcessBuilder("sh", "-c", "sleep 300 & sh -c 'sleep 300 & wait' & wait").start();
        try {
            List<ProcessHandle> expected = await().atMost(Duration.ofSeconds(5))
                    .until(() -> root.toHandle().descendants().toList(), all -> all.size() == 3);

            assertEquals(pids(expected), pids(ProcessTrees.descendants(root.toHandle())));
        } finally {
            List<ProcessHandle> tree = root.toHandle().descendants().toList();
            root.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aProcessWithoutChildrenHasNoDescendants() throws Exception {
        Process lone = new ProcessBuilder("sleep", "300").start();
        try {
            assertEquals(List.of(), ProcessTrees.descendants(lone.toHandle()));
        } finally {
            lone.destroyForcibly();
        }
    }

    private static Set<Long> pids(List<ProcessHandle> processes) {
        return processes.stream().map(ProcessHandle::pid).collect(Collectors.toSet());
    }
}
