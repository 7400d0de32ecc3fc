package keeper.process.internal;

import static keeper.process.internal.SpecBuilder.sleeper;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import keeper.api.Outcome;

/** Starts and stops of one table are ordered: a stop all that arrives during a start all wins. */
class StopAllDuringStartAllTest extends SupervisorTestBase {

    private static final int CHILDREN = 120;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void aStopAllDuringAStartAllLeavesNothingRunning() throws IOException {
        ProcessSupervisor supervisor = supervisorOfManyChildren();
        CompletableFuture<Outcome> starting = CompletableFuture.supplyAsync(supervisor::startAll);
        await().atMost(DEADLINE).until(() -> !supervisor.check(null).isEmpty());

        ok(supervisor.stopAll());
        starting.join();

        assertEquals(List.of(), supervisor.check(null).stream().map(status -> status.name()).toList());
        assertEquals(Set.of(), markedChildren());
    }

    @Test
    void closingDuringAStartAllDrainsWithoutRejections() throws IOException {
        List<LogRecord> rejections = new CopyOnWriteArrayList<>();
        Handler watch = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getThrown() instanceof RejectedExecutionException) {
                    rejections.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(watch);
        try {
            ProcessSupervisor supervisor = supervisorOfManyChildren();
            CompletableFuture<Outcome> starting = CompletableFuture.supplyAsync(supervisor::startAll);
            await().atMost(DEADLINE).until(() -> !supervisor.check(null).isEmpty());

            supervisor.close();

            starting.join();
            assertEquals(List.of(), rejections.stream().map(LogRecord::getMessage).toList());
        } finally {
            Logger.getLogger("").removeHandler(watch);
            ok(newSupervisor().stopAll());
        }
        assertEquals(Set.of(), markedChildren());
    }

    private ProcessSupervisor supervisorOfManyChildren() {
        for (int i = 0; i < CHILDREN; i++) {
            config.put(sleeper(config, "c" + i));
        }
        return newSupervisor();
    }

    /** The children still running with this state directory's mark. */
    private Set<String> markedChildren() throws IOException {
        ChildMarks marks = new ChildMarks(serverId);
        return ProcessTrees.scan(marks, Set.of(), new ProcessTrees.MarkCache()).markedLeaders().keySet();
    }
}
