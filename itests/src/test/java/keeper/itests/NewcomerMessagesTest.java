package keeper.itests;

import static keeper.itests.ProcessControlTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import keeper.itests.harness.Cli;
import keeper.itests.harness.CliResult;
import keeper.itests.harness.Proc;
import keeper.itests.harness.ServerDir;
import keeper.itests.harness.ServerProcess;

/** Issue 20: the messages a newcomer meets in the first hour say what happened and what to do. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewcomerMessagesTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    @TempDir
    static Path temp;

    private ServerDir dir;
    private ServerProcess server;

    @BeforeAll
    void startServer() {
        dir = ServerDir.create(temp.resolve("server"));
        server = dir.start();
    }

    @AfterAll
    void stopServer() {
        server.close();
        List.of("fresh", "deep").forEach(name -> Proc.killAll(dir.sleeper(name)));
    }

    /** Item 3. */
    @Test
    void aCommandWithoutItsChildIsAUsageErrorThatExitsTwo() {
        for (String command : List.of("start", "stop", "restart", "trystart")) {
            CliResult result = server.keeper(command);
            assertEquals(2, result.exitCode(), result.toString());
            assertEquals("usage: " + command + " <child>\n", result.stdout(), result.toString());
        }
        CliResult extra = server.keeper("kill", "web");
        assertEquals(2, extra.exitCode(), extra.toString());
        assertTrue(server.alive(), "'kill web' is refused, not run");
    }

    /** Item 3: the client's and the server launcher's own missing arguments exit 2 as well. */
    @Test
    void everyMissingArgumentIsAUsageErrorThatExitsTwo() {
        for (List<String> words : List.<List<String>>of(List.of("check", "on"), List.of("check", "with"),
                List.of("check", "--timeout"), List.of())) {
            CliResult result = Cli.keeper(words.toArray(String[]::new));
            assertEquals(2, result.exitCode(), words + ": " + result);
            assertTrue(result.stderr().startsWith("keeper: "), words + ": " + result);
        }
        for (String option : List.of("--state", "--deploy")) {
            try (ServerProcess launcher = ServerProcess.launchIn(null, null, temp.resolve("unused"), Map.of(), option)) {
                assertEquals(Optional.of(2), launcher.awaitExit(WITHIN), launcher.output());
                assertTrue(launcher.output().startsWith("keeper-server: " + option + " needs a directory"), launcher.output());
            }
        }
    }

    /** Item 4. */
    @Test
    void infoOfAChildThatHasNotRunShowsItsFileAndTheDefaultLogPaths() {
        Path file = dir.sleeperChild("fresh", "");
        String info = ok(server.keeper("info", "fresh")).stdout();
        assertTrue(info.contains("file:          " + file + "\n"), info);
        assertTrue(info.contains("command:       " + dir.sleeper("fresh") + "\n"), info);
        assertTrue(info.contains("stdout:        " + dir.stateDir().resolve("logs/fresh.out.log") + " (append, the default)\n"), info);
        assertTrue(info.contains("stderr:        " + dir.stateDir().resolve("logs/fresh.err.log") + " (append, the default)"), info);
    }

    /** Item 6. */
    @Test
    void aWorkingDirectoryThatIsAFileIsCalledNotADirectory() throws Exception {
        Path notADirectory = Files.writeString(dir.children().resolve("notes.txt"), "a file\n");
        dir.sleeperChild("filedir", "directory: notes.txt\n");
        CliResult start = server.keeper("start", "filedir");
        assertEquals(1, start.exitCode(), start.toString());
        assertTrue(start.stdout().contains("working directory " + notADirectory + " is not a directory"), start.toString());
    }

    /** Item 6. */
    @Test
    void statusFailsAndSaysWhyWhileServerYmlIsBroken() {
        dir.writeServer("mode: \"aa\"\n");
        try {
            CliResult status = server.keeper("status");
            assertEquals(1, status.exitCode(), status.toString());
            assertTrue(status.stdout().contains("cannot list the child files: " + dir.serverYml() + ":"), status.toString());
            assertTrue(status.stdout().contains("field 'mode': must be one of quiet, half, full, not 'aa'"), status.toString());
        } finally {
            dir.writeServer("");
        }
        ok(server.keeper("status"));
    }

    /** Item 8. */
    @Test
    void aMissingOutputFolderIsCreatedAndLoggedOnceNamingIt() {
        dir.sleeperChild("deep", "output:\n  - stdout: out/deep/deep.log\n");
        Path folder = dir.children().resolve("out/deep");
        ok(server.keeper("start", "deep"));
        assertTrue(Files.isRegularFile(folder.resolve("deep.log")));
        String said = "created folder " + folder + " for the stdout file of deep";
        server.awaitOutput(said, WITHIN);
        ok(server.keeper("restart", "deep"));
        ok(server.keeper("stop", "deep"));
        assertEquals(1, server.output().split(Pattern.quote(said), -1).length - 1, server.output());
    }

    /** Item 7: supervisor-rs resolves relative load paths against its working directory; Keeper says where it looked. */
    @Test
    void aMissingRelativeLoadPathThatExistsFromTheWorkingDirectoryIsNamed() throws Exception {
        Path work = Files.createDirectories(temp.resolve("rs"));
        Path kids = Files.createDirectories(work.resolve("test/child"));
        Files.writeString(kids.resolve("sleepy.yml"), "command: sleep 1\n");
        Path serverYml = Files.writeString(work.resolve("test/server.yml"), "loadpaths:\n  - test/child\nport: 0\n");
        try (ServerProcess rs = ServerProcess.launchIn(work, serverYml, temp.resolve("rs-state"), Map.of())) {
            rs.awaitReady();
            ok(rs.keeper("status"));
            rs.awaitOutput("loadpath " + work.resolve("test/test/child") + " of " + serverYml + " is not a directory", WITHIN);
            assertTrue(rs.output().contains(kids + " (relative to the working directory) exists"), rs.output());
        }
    }

    /** Item 5. */
    @Test
    void aBadModeIsOneErrorNamingTheFieldAndNotEncrypt() throws Exception {
        Path serverYml = Files.writeString(Files.createDirectories(temp.resolve("aa")).resolve("server.yml"),
                "loadpaths:\n  - children\nmode: \"aa\"\nport: 0\n");
        try (ServerProcess broken = ServerProcess.launch(serverYml, temp.resolve("aa-state"), Map.of())) {
            assertEquals(Optional.of(1), broken.awaitExit(Duration.ofSeconds(60)), broken.output());
            String output = broken.output();
            assertTrue(output.contains("keeper-server: cannot start: "), output);
            assertEquals(1, output.split("field 'mode'", -1).length - 1, output);
            assertFalse(output.contains("SEVERE") || output.contains("encrypt"), output);
        }
    }
}
