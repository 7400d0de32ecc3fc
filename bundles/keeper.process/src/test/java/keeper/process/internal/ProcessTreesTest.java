package keeper.process.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class ProcessTreesTest {

    private final ChildMarks marks = new ChildMarks(UUID.randomUUID().toString());

    @Test
    void findsChildrenAndGrandchildren() throws Exception {
        Process root = new ProcessBuilder("sh", "-c", "sleep 300 & sh -c 'sleep 300 & wait' & wait").start();
        try {
            Set<Long> expected = await().atMost(Duration.ofSeconds(5))
                    .until(() -> pids(root.toHandle()), all -> all.size() == 4);

            assertEquals(expected, scan().of("tree", root.pid()));
        } finally {
            root.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            root.destroyForcibly();
        }
    }

    @Test
    void findsAMarkedProcessThatLeftTheTreeAndTheSession() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("setsid", "sleep", "300");
        builder.environment().putAll(marks.of("web"));
        Process escaped = builder.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> scan().of("web", Long.MAX_VALUE).contains(escaped.pid()));
            assertEquals(Set.of(), scan().of("other", Long.MAX_VALUE));
        } finally {
            escaped.destroyForcibly();
        }
    }

    @Test
    void aProcessWithoutChildrenIsAloneInItsTree() throws Exception {
        Process lone = new ProcessBuilder("sleep", "300").start();
        try {
            assertEquals(Set.of(lone.pid()), scan().of("lone", lone.pid()));
        } finally {
            lone.destroyForcibly();
        }
    }

    private ProcessTrees scan() {
        return ProcessTrees.scan(marks, Set.of(), new ProcessTrees.MarkCache());
    }

    private static Set<Long> pids(ProcessHandle root) {
        Set<Long> all = root.descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        all.add(root.pid());
        return all;
    }
}
