package keeper.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.itests.harness.Cli;
import keeper.itests.harness.CliResult;
import keeper.itests.harness.ServerDir;
import keeper.itests.harness.ServerProcess;

/**
 * Issue 18 (footprint): the server's threads do not grow with its children: besides the pools that grow with work
 * in flight and end when idle, it keeps at most the threads docs/processes.md ("Footprint") gives, counted in /proc.
 */
class FootprintTest {

    private static final int CHILDREN = 100;
    /** docs/processes.md, "Footprint": the threads a server keeps, with any number of children. */
    private static final int MOST_KEPT_THREADS = 26;
    /**
     * Pools that grow with the work in flight and whose threads end when idle, by their names in /proc without the
     * numbers (/proc keeps 15 characters: keeper-tcp-worker-1 is keeper-tcp-work).
     */
    private static final Set<String> POOLS = Set.of("keeper-spawn", "keeper-worker", "keeper-tcp-work",
            "keeper-probe", "FelixResolver");

    @TempDir
    Path temp;

    private ServerDir dir;
    private ServerProcess server;

    @BeforeEach
    void startServer() {
        dir = ServerDir.create(temp);
        for (int i = 0; i < CHILDREN; i++) {
            dir.sleeperChild("c" + i, "");
        }
        server = dir.start();
    }

    @AfterEach
    void stopServerAndChildren() {
        server.keeper("stop", "all");
        server.close();
    }

    @Test
    void aServerWithAHundredChildrenRunsAtMostItsDocumentedThreads() throws IOException {
        CliResult started = Cli.keeper("start", "all", "on", server.host(), "--timeout", "60");
        assertEquals(0, started.exitCode(), started.toString());
        Awaitility.await("every child running").atMost(Duration.ofSeconds(60))
                .until(() -> running(server.keeper("status").text()) == CHILDREN);

        TreeMap<String, Integer> threads = threadNames(server.pid());
        int kept = threads.entrySet().stream().filter(thread -> !POOLS.contains(thread.getKey()))
                .mapToInt(thread -> thread.getValue()).sum();
        assertTrue(kept <= MOST_KEPT_THREADS, kept + " threads besides the pools, more than " + MOST_KEPT_THREADS
                + ": " + threads);
    }

    private static long running(String status) {
        return status.lines().filter(line -> line.matches("c\\d+\\s+running\\s.*")).count();
    }

    /** The server's threads by name (pools' numbers dropped), for the failure message. */
    private static TreeMap<String, Integer> threadNames(long pid) throws IOException {
        TreeMap<String, Integer> names = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                List<String> comm = Files.readAllLines(task.resolve("comm"));
                names.merge(comm.isEmpty() ? "?" : comm.get(0).replaceAll("[-#\\s]*\\d+$", ""), 1, Integer::sum);
            }
        }
        return names;
    }
}
