package keeper.process.internal;

import static keeper.process.internal.SpecBuilder.child;
import static keeper.process.internal.SpecBuilder.shell;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a stop guarantees: one SIGTERM, and nothing of the child left, whatever it forks or however it hides. */
class StopGuaranteeTest extends SupervisorTestBase {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    /** Unique sleep durations, so that the processes of this test are found by their command line. */
    private final String first = uniqueSeconds();
    private final String second = uniqueSeconds();

    @AfterEach
    void killLeftovers() {
        for (String word : List.of(first, second)) {
            processesWith(word).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void aStopSendsExactlyOneSigterm() throws IOException {
        Path terms = dir.resolve("terms");
        // busy, so each TERM is delivered as it is sent rather than merged with the next while pending
        config.put(child(config, "counter", "perl", "-MTime::HiRes=time", "-e", "$SIG{TERM} = sub {"
                + " open my $f, '>>', $ARGV[0]; print $f \"TERM\\n\"; close $f };"
                + " open my $r, '>', \"$ARGV[0].ready\"; close $r; my $end = time + 1.5; 1 while time < $end",
                terms.toString()));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("counter"));
        await().atMost(DEADLINE).until(() -> Files.exists(dir.resolve("terms.ready")));

        ok(supervisor.stop("counter"));

        assertEquals(List.of("TERM"), Files.readAllLines(terms));
    }

    @Test
    void aProcessForkedDuringShutdownIsStoppedToo() {
        config.put(shell(config, "prefork", "trap 'sleep " + first + " & exit 0' TERM; sleep " + second + " & wait"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("prefork"));
        await().atMost(DEADLINE).until(() -> processesWith(second).size() == 1);

        ok(supervisor.stop("prefork"));

        assertEquals(List.of(), processesWith(first), "forked by the TERM trap");
        assertEquals(List.of(), processesWith(second));
    }

    @Test
    void aGrandchildThatLeftTheSessionAndLostItsParentIsStopped() {
        config.put(shell(config, "escaper", "(setsid sleep " + first + " &); exec sleep " + second));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("escaper"));
        long escaped = await().atMost(DEADLINE).until(() -> processesWith(first), found -> found.size() == 1).get(0);
        // its parent, the subshell, is gone: it re-parents to the spawn helper (a subreaper), or to init
        await().atMost(DEADLINE).until(() -> parentCommand(escaped).map(c -> !c.startsWith("sh ")).orElse(false));
        if (!"jdk".equals(System.getProperty(Spawners.PROPERTY))) {
            assertTrue(parentCommand(escaped).orElseThrow().contains("spawner.pl"), "the helper adopts the orphan");
        }

        ok(supervisor.stop("escaper"));

        assertTrue(gone(escaped), "the escaped grandchild still runs");
        assertEquals(List.of(), processesWith(second));
    }

    private static Optional<String> parentCommand(long pid) {
        return ProcessHandle.of(pid).flatMap(ProcessHandle::parent)
                .map(parent -> String.join(" ", processArguments(parent.pid())));
    }

    private static List<String> processArguments(long pid) {
        try {
            return List.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String uniqueSeconds() {
        return Long.toString(7_000_000 + ThreadLocalRandom.current().nextInt(1_000_000));
    }
}
