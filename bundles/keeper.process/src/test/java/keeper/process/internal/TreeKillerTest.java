package keeper.process.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.api.RunAs.StopSignal;
import keeper.api.StopResult;

/** How a stop of many children watches them: together, with a few looks at {@code /proc} whatever their number. */
class TreeKillerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final int CHILDREN = 40;

    private final List<Long> environmentsRead = new CopyOnWriteArrayList<>();
    private final ChildMarks marks = new ChildMarks(UUID.randomUUID().toString()) {
        @Override
        Optional<String> childOf(long pid) {
            environmentsRead.add(pid);
            return super.childOf(pid);
        }
    };
    private final AtomicInteger scans = new AtomicInteger();
    private final TreeKiller killer = new TreeKiller(cache -> {
        scans.incrementAndGet();
        return ProcessTrees.scan(marks, Set.of(), cache);
    }, new ProcessTrees.MarkCache());
    private final List<Process> started = new ArrayList<>();
    @TempDir
    Path dir;

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void stoppingManyChildrenScansProcAFewTimesAndReadsNoneOfTheirEnvironments() throws IOException {
        List<TreeKiller.Target> targets = new ArrayList<>();
        for (int i = 0; i < CHILDREN; i++) {
            targets.add(sessionLeader("c" + i));
        }

        List<TreeKiller.Report> reports = killer.stop(targets);

        assertEquals(CHILDREN, reports.size());
        reports.forEach(report -> assertEquals(StopResult.End.TERMINATED, report.end(), report::toString));
        started.forEach(process -> assertTrue(SupervisorTestBase.gone(process.pid()), "pid " + process.pid()));
        // a child's own process was spawned with its mark: reading it again costs one file per child
        started.forEach(process -> assertTrue(!environmentsRead.contains(process.pid()), "read pid " + process.pid()));
        // one before the signals, one once they exited, one more if their exits straddled it
        assertTrue(scans.get() <= 3, "scans of /proc to stop " + CHILDREN + " children: " + scans.get());
    }

    @Test
    void childrenThatIgnoreTheirStopSignalAreKilledTogetherAtTheirTimeout() throws IOException {
        List<TreeKiller.Target> targets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Path ready = dir.resolve("ready" + i);
            Process process = start("setsid", "perl", "-e", "$SIG{TERM} = 'IGNORE'; open my $r, '>', $ARGV[0];"
                    + " close $r; sleep 1 while 1", ready.toString());
            await().atMost(DEADLINE).until(() -> Files.exists(ready));
            targets.add(new TreeKiller.Target("stubborn" + i, process.toHandle(), process.onExit(),
                    Duration.ofMillis(300), StopSignal.TERM));
        }

        List<TreeKiller.Report> reports = killer.stop(targets);

        reports.forEach(report -> assertEquals(StopResult.End.KILLED_AFTER_TIMEOUT, report.end(), report::toString));
        started.forEach(process -> assertTrue(SupervisorTestBase.gone(process.pid()), "pid " + process.pid()));
    }

    @Test
    void aStopReadsOnlyTheMarksOfProcessesNoStopReadBefore() throws IOException {
        Process bystander = start("setsid", "sleep", "300"); // a session leader: its mark is read
        await().atMost(DEADLINE).until(() -> isSessionLeader(bystander));

        killer.stop(List.of(sessionLeader("first")));
        killer.stop(List.of(sessionLeader("second")));

        assertEquals(1, environmentsRead.stream().filter(pid -> pid == bystander.pid()).count(),
                "reads of the environment of a process both stops scanned");
    }

    /** A marked session leader, as every child is. */
    private TreeKiller.Target sessionLeader(String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("setsid", "sleep", "300");
        builder.environment().putAll(marks.of(name));
        Process process = builder.start();
        started.add(process);
        await().atMost(DEADLINE).until(() -> isSessionLeader(process));
        return new TreeKiller.Target(name, process.toHandle(), process.onExit(), DEADLINE, StopSignal.TERM);
    }

    private Process start(String... command) throws IOException {
        Process process = new ProcessBuilder(command).start();
        started.add(process);
        return process;
    }

    private static boolean isSessionLeader(Process process) {
        return ProcessScan.of(process.pid()).map(entry -> entry.session() == process.pid()).orElse(false);
    }
}
