package keeper.process.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static keeper.process.internal.SpecBuilder.child;
import static keeper.process.internal.SpecBuilder.shell;
import static keeper.process.internal.SpecBuilder.sleeper;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import keeper.api.ChildState;
import keeper.api.ChildStatus;
import keeper.api.Refusal;

/** What a child receives from the spawner, and how the spawn helper copes with trouble. */
class SpawningTest extends SupervisorTestBase {

    private static final Duration DEADLINE = Duration.ofSeconds(5);

    @Test
    void argumentsArriveExactlyAsConfigured() throws IOException {
        List<String> arguments = List.of("with space", "quote\"s' and \\", "new\nline", "ünïcødé ✓", "", "$HOME *");
        String[] argv = Stream.concat(Stream.of("sh", "-c", "printf '%s\\0' \"$@\" > args.out", "sh"),
                arguments.stream()).toArray(String[]::new);
        config.put(child(config, "args", argv));
        ok(newSupervisor().start("args"));

        Path out = config.loadPath().resolve("args.out");
        String expected = String.join("\0", arguments) + "\0";
        await().atMost(DEADLINE).until(() -> Files.exists(out) && Files.readString(out, UTF_8).equals(expected));
    }

    @Test
    void theEnvironmentIsTheServersPlusTheChildsOwn() {
        String value = "hé llo\nworld = \"x\"";
        config.put(shell(config, "env", "printf '%s|%s' \"$GREETING\" \"$PATH\" > env.out")
                .environment(Map.of("GREETING", value)));
        ok(newSupervisor().start("env"));

        Path out = config.loadPath().resolve("env.out");
        String expected = value + "|" + System.getenv("PATH");
        await().atMost(DEADLINE).until(() -> Files.exists(out) && Files.readString(out, UTF_8).equals(expected));
    }

    @Test
    void stderrToTheStdoutFileSharesItsDescriptor() {
        // two descriptors on one truncated file would each write from offset 0: "err\nout2\n"
        config.put(shell(config, "both", "echo out1; echo err >&2; echo out2")
                .stdout(Path.of("both.log"), false).stderr(Path.of("both.log"), false));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("both"));

        Path log = config.loadPath().resolve("both.log");
        await().atMost(DEADLINE).until(() -> supervisor.status().get(0).exitCode() != null);
        await().atMost(DEADLINE).until(() -> Files.readString(log).equals("out1\nerr\nout2\n"));
    }

    @Test
    void theExitCodeOrTheSignalIsReported() {
        config.put(shell(config, "three", "exit 3"));
        config.put(shell(config, "selfkill", "kill -INT $$"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("three"));
        ok(supervisor.start("selfkill"));

        await().atMost(DEADLINE).until(() -> supervisor.status().stream().map(ChildStatus::exitCode).toList(),
                List.of(128 + 2, 3)::equals);
    }

    @Test
    void anExecFailureIsARefusalWithTheSystemsReason() throws IOException {
        assumeFalse(jdkSpawner(), "with the JDK, setsid execs the program, after the spawn reported success");
        Path script = config.loadPath().resolve("broken.sh");
        Files.writeString(script, "#!/no/such/interpreter\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        config.put(child(config, "broken", "./broken.sh"));

        assertEquals("cannot run './broken.sh': No such file or directory",
                refused(newSupervisor().start("broken"), Refusal.Reason.SPAWN_FAILED));
    }

    @Test
    void aKilledHelperIsReplacedAndItsChildrenAreStillWatched() {
        assumeFalse(jdkSpawner(), "only the helper spawner has a helper");
        config.put(sleeper(config, "first"));
        config.put(sleeper(config, "second"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("first"));
        long first = pidOf(supervisor, "first");
        ProcessHandle helper = helper();

        helper.destroyForcibly();
        await().atMost(DEADLINE).until(() -> !helper.isAlive());
        ok(supervisor.start("second"));
        assertTrue(helper().pid() != helper.pid(), "a new helper runs");
        assertTrue(running(supervisor, "first"), "the first child outlived its helper");

        ProcessHandle.of(first).orElseThrow().destroyForcibly();
        ChildStatus exited = await().atMost(DEADLINE).until(() -> supervisor.status().get(0),
                status -> status.state() == ChildState.EXITED);
        assertNull(exited.exitCode(), "the exit status went to whoever adopted the orphan");
        ok(supervisor.stop("second"));
    }

    @Test
    void closingTheSupervisorEndsTheHelperButNotTheChildren() {
        assumeFalse(jdkSpawner(), "only the helper spawner has a helper");
        config.put(sleeper(config, "web"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("web"));
        long web = pidOf(supervisor, "web");
        ProcessHandle helper = helper();

        supervisor.close();
        try {
            await().atMost(DEADLINE).until(() -> !helper.isAlive());
            assertTrue(AdoptedExits.runs(ProcessHandle.of(web).orElseThrow()), "the child outlives its helper");
        } finally {
            ProcessHandle.of(web).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void threadsDoNotGrowWithTheNumberOfChildren() throws IOException {
        assumeFalse(jdkSpawner(), "the JDK keeps a thread per child");
        for (int i = 0; i < 10; i++) {
            config.put(sleeper(config, "early" + i));
        }
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.startAll());
        long withTen = threads();
        for (int i = 0; i < 200; i++) {
            config.put(sleeper(config, "late" + i));
        }
        ok(supervisor.startAll());

        assertEquals(210, supervisor.check(null).size());
        long withTwoHundredTen = threads();
        assertTrue(withTwoHundredTen - withTen <= 4, "threads: " + withTen + " with 10 children, "
                + withTwoHundredTen + " with 210");
    }

    private static boolean jdkSpawner() {
        return "jdk".equals(System.getProperty(Spawners.PROPERTY));
    }

    /** The spawn helper: the child of this JVM that runs perl (once the helpers of earlier tests are gone). */
    private static ProcessHandle helper() {
        List<ProcessHandle> helpers = await().atMost(DEADLINE).until(() -> ProcessHandle.current().children()
                .filter(process -> process.info().command().orElse("").endsWith("/perl")).toList(),
                found -> found.size() == 1);
        return helpers.get(0);
    }

    private static long threads() throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.count();
        }
    }
}
