package keeper.process.internal;

import static keeper.process.internal.SpecBuilder.sleeper;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import keeper.api.ChildStatus;
import keeper.api.Outcome;

/** The record of running children survives damage, and no child ever runs twice under one server. */
class StateRecordTest extends SupervisorTestBase {

    @Test
    void aDamagedLineLosesNoChild() throws IOException {
        Map<String, Long> before = startWebAndDbThenLeave();
        Path file = stateFile();
        byte[] bytes = Files.readAllBytes(file);
        int db = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("db\t");
        bytes[db + 1] = (byte) 0xFF;
        Files.write(file, bytes);

        assertBothReadoptedAndNotStartedTwice(before);
    }

    @Test
    void anEmptyStateFileLosesNoChild() throws IOException {
        Map<String, Long> before = startWebAndDbThenLeave();
        Files.write(stateFile(), new byte[0]);

        assertBothReadoptedAndNotStartedTwice(before);
    }

    @Test
    void aMissingStateFileLosesNoChild() throws IOException {
        Map<String, Long> before = startWebAndDbThenLeave();
        Files.delete(stateFile());

        assertBothReadoptedAndNotStartedTwice(before);
    }

    @Test
    void theWriteIsDurableAndLeavesNoTemporaryFile() throws IOException {
        config.put(sleeper(config, "web"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("web"));

        assertTrue(Files.readString(stateFile()).contains("web\t" + pidOf(supervisor, "web") + "\t"));
        assertEquals(List.of("children.tsv"), Files.list(stateFile().getParent()).map(Path::getFileName)
                .map(Path::toString).filter(name -> name.startsWith("children")).toList());
    }

    @Test
    void startAllWritesTheStateFileOnceForAllItsChildren() throws IOException {
        int children = 40;
        for (int i = 0; i < children; i++) {
            config.put(sleeper(config, "child" + i));
        }
        ProcessSupervisor supervisor = newSupervisor();
        long before = supervisor.stateWrites();

        ok(supervisor.startAll());

        assertEquals(1, supervisor.stateWrites() - before);
        assertEquals(children + 1, Files.readAllLines(stateFile()).size(), "every child is recorded, after the server");
    }

    @Test
    void aStateThatCannotBeWrittenIsReportedInTheReply() throws IOException {
        config.put(sleeper(config, "web"));
        ProcessSupervisor supervisor = newSupervisor();
        // a directory where the temporary file goes: every write of the table fails, even as root
        Files.createDirectories(stateFile().resolveSibling("children.tsv.tmp").resolve("blocker"));

        Outcome started = ok(supervisor.start("web"));

        assertEquals(pidOf(supervisor, "web"), started.pid());
        assertNotNull(started.unrecorded(), "the outcome says the state was not recorded");
    }

    private Map<String, Long> startWebAndDbThenLeave() {
        config.put(sleeper(config, "web")).put(sleeper(config, "db"));
        ProcessSupervisor first = newSupervisor();
        ok(first.start("web"));
        ok(first.start("db"));
        Map<String, Long> pids = Map.of("web", pidOf(first, "web"), "db", pidOf(first, "db"));
        first.close();
        return pids;
    }

    private void assertBothReadoptedAndNotStartedTwice(Map<String, Long> before) {
        ProcessSupervisor second = newSupervisor();
        assertEquals(before, second.check(null).stream()
                .collect(Collectors.toMap(ChildStatus::name, ChildStatus::pid)));
        assertEquals(before.get("web"), already(second.start("web")).pid());
        ok(second.stopAll());
        before.values().forEach(pid -> assertTrue(gone(pid), pid + " still runs"));
    }

    private Path stateFile() {
        return stateDir.resolve("run").resolve("children.tsv");
    }
}
