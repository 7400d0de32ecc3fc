package keeper.config.yaml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import keeper.api.AutoRestart;
import keeper.api.ChildSpec;
import keeper.api.ConfigProblem;
import keeper.api.Hook;
import keeper.api.LogRotation;
import keeper.api.Output;
import keeper.api.Repeat;
import keeper.api.Rotation;

class ChildFileReaderTest extends ConfigDirFixture {

    @Test
    void readsEveryField() throws Exception {
        Path file = dir.write("children/web.yml",
                "command: /usr/bin/web --name 'my site' --port 8080",
                "output:",
                "  - stdout: logs/web.out",
                "    mode: create",
                "  - stderr: /var/log/web.err",
                "repeat:",
                "  action: trystart",
                "  seconds: 30",
                "hooks:",
                "  - prehook: start db",
                "  - posthook: Stop cache",
                "autorestart: on-failure",
                "startretries: 5",
                "startsecs: 3",
                "stop_timeout: 2.5",
                "shell: false",
                "directory: work",
                "environment:",
                "  PORT: 8080",
                "  MODE: on",
                "  EMPTY: ''");
        ChildSpec spec = ChildFileReader.read("web", file);
        Path children = root.resolve("children");
        assertEquals("web", spec.name());
        assertEquals(file, spec.file());
        assertEquals("/usr/bin/web --name 'my site' --port 8080", spec.command());
        assertEquals(List.of("/usr/bin/web", "--name", "my site", "--port", "8080"), spec.argv());
        assertEquals(new Output(children.resolve("logs/web.out"), false), spec.stdout());
        assertEquals(new Output(Path.of("/var/log/web.err"), true), spec.stderr());
        assertEquals(new Repeat("trystart", 30), spec.repeat());
        assertEquals(new Hook("start", "db"), spec.prehook());
        assertEquals(new Hook("stop", "cache"), spec.posthook());
        assertEquals(AutoRestart.ON_FAILURE, spec.autoRestart());
        assertEquals(5, spec.startRetries());
        assertEquals(Duration.ofSeconds(3), spec.startSecs());
        assertEquals(Duration.ofMillis(2500), spec.stopTimeout());
        assertEquals(children.resolve("work"), spec.directory());
        assertEquals(Map.of("PORT", "8080", "MODE", "on", "EMPTY", ""), spec.environment());
    }

    @Test
    void defaultsWhenOnlyCommandIsGiven() throws Exception {
        ChildSpec spec = ChildFileReader.read("job", dir.write("job.yaml", "command: sleep 10"));
        assertEquals(List.of("sleep", "10"), spec.argv());
        assertNull(spec.stdout());
        assertNull(spec.stderr());
        assertNull(spec.repeat());
        assertNull(spec.prehook());
        assertNull(spec.posthook());
        assertEquals(AutoRestart.NEVER, spec.autoRestart());
        assertEquals(3, spec.startRetries());
        assertEquals(Duration.ofSeconds(1), spec.startSecs());
        assertEquals(Duration.ofSeconds(10), spec.stopTimeout());
        assertNull(spec.directory());
        assertEquals(Map.of(), spec.environment());
    }

    @Test
    void shellTrueRunsTheCommandThroughSh() throws Exception {
        ChildSpec spec = ChildFileReader.read("loop", dir.write("loop.yml",
                "command: \"while true; do date; sleep 5; done\"", "shell: true"));
        assertEquals(List.of("/bin/sh", "-c", "while true; do date; sleep 5; done"), spec.argv());
    }

    @Test
    void theShippedDemoChildReads() throws Exception {
        ChildSpec spec = ChildFileReader.read("demo", Path.of("../../runtime/src/dist/etc/children/demo.yml"));
        assertEquals("/bin/sh", spec.argv().get(0));
        assertEquals(AutoRestart.ON_FAILURE, spec.autoRestart());
    }

    @ParameterizedTest
    @CsvSource({"never, NEVER", "on-failure, ON_FAILURE", "on_failure, ON_FAILURE", "always, ALWAYS"})
    void autorestartWords(String written, AutoRestart expected) throws Exception {
        assertEquals(expected, ChildFileReader.read("a", dir.write("a.yml", "command: x", "autorestart: " + written))
                .autoRestart());
    }

    @Test
    void repeatActionDefaultsToRestart() throws Exception {
        ChildSpec spec = ChildFileReader.read("a", dir.write("a.yml", "command: x", "repeat:", "  seconds: 5"));
        assertEquals(new Repeat("restart", 5), spec.repeat());
    }

    @Test
    void missingCommandIsRequired() {
        Path file = dir.write("a.yml", "shell: true");
        Problem.single(() -> ChildFileReader.read("a", file), file, 1, "command", "is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"''", "'   '", "[a, b]", "\"''\"", "\"\\\\\\n\""})
    void emptyOrNonTextCommandIsRefused(String written) {
        Path file = dir.write("a.yml", "command: " + written);
        Problem.single(() -> ChildFileReader.read("a", file), file, 1, "command", "must");
    }

    @Test
    void unterminatedQuoteInCommandNamesTheField() {
        Path file = dir.write("a.yml", "shell: false", "command: echo 'hello");
        Problem.single(() -> ChildFileReader.read("a", file), file, 2, "command", "never closed");
    }

    @Test
    void repeatSecondsMustBeAWholeNumberAboveZero() {
        Path file = dir.write("web.yml", "command: x", "repeat:", "  seconds: 0");
        ConfigProblem problem = Problem.single(() -> ChildFileReader.read("web", file), file, 3, "repeat.seconds",
                "must be a whole number > 0");
        assertTrue(problem.toString().startsWith(file + ":3: field 'repeat.seconds': must be a whole number > 0"),
                problem.toString());
    }

    @Test
    void repeatSecondsIsRequired() {
        Path file = dir.write("a.yml", "command: x", "repeat:", "  action: stop");
        Problem.single(() -> ChildFileReader.read("a", file), file, 3, "repeat.seconds", "is required");
    }

    @Test
    void anEmptyRepeatActionMeansRestart() throws Exception {
        Path file = dir.write("a.yml", "command: x", "repeat:", "  action: ''", "  seconds: 5");
        assertEquals(new Repeat("restart", 5), ChildFileReader.read("a", file).repeat());
    }

    @Test
    void repeatActionMustBeACommandWord() {
        Path file = dir.write("a.yml", "command: x", "repeat:", "  action: explode", "  seconds: 1");
        Problem.single(() -> ChildFileReader.read("a", file), file, 3, "repeat.action", "must be one of start");
    }

    @Test
    void unknownFieldsAreNamedAtEveryLevel() {
        Path file = dir.write("a.yml", "command: x", "comand: y", "repeat:", "  second: 5", "  seconds: 5",
                "output:", "  - stdout: f", "    mod: create");
        List<ConfigProblem> problems = Problem.thrownBy(() -> ChildFileReader.read("a", file));
        assertEquals(3, problems.size(), problems.toString());
        Problem.matches(problems.get(0), file, 2, "comand", "did you mean 'command'");
        Problem.matches(problems.get(1), file, 8, "output[0].mod", "did you mean 'mode'");
        Problem.matches(problems.get(2), file, 4, "repeat.second", "did you mean 'seconds'");
    }

    @Test
    void outputEntryNamesExactlyOneStream() {
        Path file = dir.write("a.yml", "command: x", "output:", "  - mode: create");
        Problem.single(() -> ChildFileReader.read("a", file), file, 3, "output[0].stdout", "exactly one of");
    }

    @Test
    void outputStreamGivenTwiceIsRefused() {
        Path file = dir.write("a.yml", "command: x", "output:", "  - stdout: a", "  - stdout: b");
        Problem.single(() -> ChildFileReader.read("a", file), file, 4, "output[1].stdout", "already given");
    }

    @Test
    void outputModeMustBeCreateOrAppend() {
        Path file = dir.write("a.yml", "command: x", "output:", "  - stderr: e", "    mode: overwrite");
        Problem.single(() -> ChildFileReader.read("a", file), file, 4, "output[0].mode", "create, append");
    }

    @Test
    void aSecondPrehookIsRefused() {
        Path file = dir.write("a.yml", "command: x", "hooks:", "  - prehook: start b", "  - prehook: start c");
        Problem.single(() -> ChildFileReader.read("a", file), file, 4, "hooks[1].prehook", "at most one prehook");
    }

    @Test
    void hooksEntryNamesOneHook() {
        Path file = dir.write("a.yml", "command: x", "hooks:", "  - {}", "  - {prehook: start b, posthook: stop b}");
        List<ConfigProblem> problems = Problem.thrownBy(() -> ChildFileReader.read("a", file));
        assertEquals(2, problems.size(), problems.toString());
        Problem.matches(problems.get(0), file, 3, "hooks[0].prehook", "one prehook or one posthook");
        Problem.matches(problems.get(1), file, 4, "hooks[1].prehook", "one prehook or one posthook");
    }

    @ParameterizedTest
    @ValueSource(strings = {"start", "launch db", "start db now", "start ../db"})
    void hookMustBeCommandAndChild(String written) {
        Path file = dir.write("a.yml", "command: x", "hooks:", "  - posthook: " + written);
        Problem.single(() -> ChildFileReader.read("a", file), file, 3, "hooks[0].posthook", "");
    }

    @ParameterizedTest
    @CsvSource({"startretries, -1", "startretries, many", "startsecs, -1", "startsecs, soon", "startsecs, 100000", "stop_timeout, 0", "stop_timeout, -2",
        "stop_timeout, .inf", "stop_timeout, 100000", "shell, yes please", "directory, '\"  \"'",
        "environment, [A]", "autorestart, sometimes"})
    void badValuesNameTheirField(String field, String written) {
        Path file = dir.write("a.yml", "command: x", field + ": " + written);
        Problem.single(() -> ChildFileReader.read("a", file), file, 2, field, "");
    }

    @Test
    void rotationFieldsTakeSizesWithUnitsAndBackups() throws Exception {
        ChildSpec spec = ChildFileReader.read("a", dir.write("a.yml", "command: x", "stdout_max_bytes: 512KB",
                "stdout_backups: 3", "stderr_max_bytes: 0", "stderr_backups: 0"));
        assertEquals(new LogRotation(new Rotation(512 * 1024, 3), new Rotation(0, 0)), spec.logRotation());
        assertEquals(new Rotation(2L << 30, 10), ChildFileReader.read("b", dir.write("b.yml", "command: x",
                "stdout_max_bytes: 2gb")).logRotation().stdout());
        assertEquals(new Rotation(1000, 10), ChildFileReader.read("c", dir.write("c.yml", "command: x",
                "stdout_max_bytes: 1000")).logRotation().stdout());
    }

    @Test
    void rotationDefaultsTo50MegabytesAndTenBackups() throws Exception {
        ChildSpec spec = ChildFileReader.read("a", dir.write("a.yml", "command: x"));
        assertEquals(new LogRotation(new Rotation(50L << 20, 10), new Rotation(50L << 20, 10)), spec.logRotation());
    }

    @ParameterizedTest
    @CsvSource({"stdout_max_bytes, 50XB", "stdout_max_bytes, -1", "stderr_max_bytes, 2000GB", "stderr_max_bytes, [1]",
        "stdout_backups, -1", "stderr_backups, 1001", "stdout_backups, some"})
    void badRotationValuesNameTheirField(String field, String written) {
        Path file = dir.write("a.yml", "command: x", field + ": " + written);
        Problem.single(() -> ChildFileReader.read("a", file), file, 2, field, "");
    }

    @Test
    void environmentValuesMustBeText() {
        Path file = dir.write("a.yml", "command: x", "environment:", "  A: [1]", "  B: 2");
        Problem.single(() -> ChildFileReader.read("a", file), file, 3, "environment.A", "must be a text value");
    }

    @Test
    void explicitNullMeansDefault() throws Exception {
        ChildSpec spec = ChildFileReader.read("a", dir.write("a.yml", "command: x", "directory:", "stop_timeout: ~"));
        assertNull(spec.directory());
        assertEquals(Duration.ofSeconds(10), spec.stopTimeout());
        assertFalse(spec.argv().isEmpty());
    }
}
