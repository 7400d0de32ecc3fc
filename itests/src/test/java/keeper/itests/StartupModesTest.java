package keeper.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.itests.harness.Proc;
import keeper.itests.harness.ServerDir;
import keeper.itests.harness.ServerProcess;

/** Issue 4: which children start with the server in quiet, half and full mode. */
class StartupModesTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final List<String> CHILDREN = List.of("a", "b", "c");

    @TempDir
    Path temp;

    private ServerDir dir;

    @AfterEach
    void stopChildren() {
        CHILDREN.forEach(name -> Proc.killAll(dir.sleeper(name)));
    }

    @Test
    void quietStartsNothing() {
        dir = withChildren("mode: quiet\n");
        try (ServerProcess server = dir.start()) {
            server.awaitOutput("quiet mode", WITHIN);
            CHILDREN.forEach(name -> assertEquals(List.of(), Proc.pidsOf(dir.sleeper(name)), name));
        }
    }

    @Test
    void halfStartsTheStartupListAndSkipsMissingNames() {
        dir = withChildren("mode: half\nstartup: [a, ghost, c]\n");
        try (ServerProcess server = dir.start()) {
            Proc.awaitSingle(dir.sleeper("a"), WITHIN);
            Proc.awaitSingle(dir.sleeper("c"), WITHIN);
            server.awaitOutput("ghost", WITHIN);
            assertEquals(List.of(), Proc.pidsOf(dir.sleeper("b")));
        }
    }

    @Test
    void fullStartsEveryChild() {
        dir = withChildren("mode: full\n");
        try (ServerProcess server = dir.start()) {
            CHILDREN.forEach(name -> Proc.awaitSingle(dir.sleeper(name), WITHIN));
        }
    }

    @Test
    void fullRefusesToStartListingEveryBadFile() {
        dir = withChildren("mode: full\n");
        Path noCommand = dir.child("broken1", "repeat:\n  seconds: 3\n");
        Path badYaml = dir.child("broken2", "command: [oops\n");
        try (ServerProcess server = ServerProcess.launch(dir.serverYml(), dir.stateDir(), Map.of())) {
            Optional<Integer> exit = server.awaitExit(Duration.ofSeconds(60));
            assertEquals(Optional.of(1), exit, server.output());
            assertTrue(server.output().contains(noCommand.toString()) && server.output().contains(badYaml.toString()),
                    "every bad file is listed:\n" + server.output());
            CHILDREN.forEach(name -> assertEquals(List.of(), Proc.pidsOf(dir.sleeper(name)), name + " must not start"));
        }
    }

    private ServerDir withChildren(String serverYaml) {
        ServerDir created = ServerDir.create(temp, serverYaml);
        CHILDREN.forEach(name -> created.sleeperChild(name, ""));
        return created;
    }
}
