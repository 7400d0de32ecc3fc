package keeper.process.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import keeper.api.ChildStatus;
import keeper.api.Outcome;
import keeper.api.Refusal;

/** A supervisor over a {@link MapConfig} in a temporary directory; whatever a test leaves running is stopped. */
abstract class SupervisorTestBase {

    @TempDir
    Path dir;
    MapConfig config;
    Path stateDir;
    /** The id every supervisor of one test marks its children with, as the launcher's would be. */
    final String serverId = "test-" + UUID.randomUUID();
    final List<String> fatals = new CopyOnWriteArrayList<>();
    private final List<ProcessSupervisor> supervisors = new ArrayList<>();

    @BeforeEach
    void createConfig() throws IOException {
        config = new MapConfig(Files.createDirectories(dir.resolve("children")));
        stateDir = dir.resolve("state");
    }

    @AfterEach
    void stopEverything() {
        for (ProcessSupervisor supervisor : supervisors) {
            supervisor.stopAll();
            supervisor.close();
        }
    }

    ProcessSupervisor newSupervisor() {
        ProcessSupervisor supervisor = new ProcessSupervisor(config, stateDir, "test-version", fatals::add,
                System.getProperty(Spawners.PROPERTY), serverId);
        supervisors.add(supervisor);
        return supervisor;
    }

    static Outcome ok(Outcome outcome) {
        assertEquals(Outcome.Kind.DONE, outcome.kind(), outcome::toString);
        return outcome;
    }

    static Outcome already(Outcome outcome) {
        assertEquals(Outcome.Kind.ALREADY, outcome.kind(), outcome::toString);
        return outcome;
    }

    /** Asserts {@code outcome} is a refusal for {@code reason}; answers the refusal's detail. */
    static String refused(Outcome outcome, Refusal.Reason reason) {
        assertEquals(Outcome.Kind.REFUSED, outcome.kind(), outcome::toString);
        assertEquals(reason, outcome.refusal().reason(), outcome::toString);
        return outcome.refusal().detail();
    }

    /** The pid {@code name} runs as; fails when it does not run. */
    static long pidOf(ProcessSupervisor supervisor, String name) {
        List<ChildStatus> running = supervisor.check(name);
        assertEquals(1, running.size(), () -> name + " is not running: " + supervisor.status());
        return running.get(0).pid();
    }

    static boolean running(ProcessSupervisor supervisor, String name) {
        return !supervisor.check(name).isEmpty();
    }

    /** The processes (zombies aside) whose command line holds {@code word} as one of its arguments. */
    static List<Long> processesWith(String word) {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit) && !gone(Long.parseLong(name))
                        && arguments(entry).contains(word)) {
                    found.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static List<String> arguments(Path procEntry) {
        try {
            return List.of(Files.readString(procEntry.resolve("cmdline"), StandardCharsets.ISO_8859_1).split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Whether {@code pid} is gone: no /proc entry, or a zombie nobody reaped yet (it runs no more code). */
    static boolean gone(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }
}
