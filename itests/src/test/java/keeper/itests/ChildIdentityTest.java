package keeper.itests;

import static keeper.itests.ProcessControlTest.ok;
import static keeper.itests.ProcessControlTest.pid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.itests.harness.CliResult;
import keeper.itests.harness.Proc;
import keeper.itests.harness.ServerDir;
import keeper.itests.harness.ServerProcess;

/**
 * Issue 15: a child's {@code user}, {@code umask}, {@code nofile} and {@code stopsignal} through a real
 * {@code bin/keeper-server}, checked in /proc.
 */
class ChildIdentityTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final String NOBODY = "65534";

    @TempDir
    Path temp;

    private ServerDir dir;
    private ServerProcess server;

    @BeforeEach
    void startServer() {
        dir = ServerDir.create(temp);
        server = dir.start();
    }

    @AfterEach
    void stopServerAndChildren() {
        server.close();
        Proc.killAll(dir.sleeper("web"));
    }

    @Test
    void aChildRunsAsNobodyWithItsUmaskAndOpenFilesLimit() throws IOException {
        assumeTrue(root(), "only a root server runs children as another user");
        dir.sleeperChild("web", "user: nobody\numask: \"027\"\nnofile: 256\n");

        long pid = pid(ok(server.keeper("start", "web")));

        List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
        assertEquals(List.of(NOBODY, NOBODY, NOBODY, NOBODY), values(status, "Uid:"));
        assertEquals(List.of(NOBODY, NOBODY, NOBODY, NOBODY), values(status, "Gid:"));
        assertEquals(List.of("0027"), values(status, "Umask:"));
        assertTrue(Files.readAllLines(Path.of("/proc", Long.toString(pid), "limits")).stream()
                .anyMatch(line -> line.matches("Max open files\\s+256\\s+256\\s+files\\s*")));
        ok(server.keeper("stop", "web"));
        Proc.awaitDead(pid, WITHIN);
    }

    @Test
    void aUserThatDoesNotExistRefusesTheStartNamingFileAndField() {
        Path file = dir.sleeperChild("web", "user: no-such-user-15b\n");

        CliResult start = server.keeper("start", "web");

        assertEquals(1, start.exitCode(), start.toString());
        assertTrue(start.text().contains(file + ": field 'user': there is no user 'no-such-user-15b'"), start.toString());
        assertTrue(Proc.pidsOf(dir.sleeper("web")).isEmpty(), "nothing runs");
    }

    @Test
    void aBadStopSignalNamesItsFileLineAndField() {
        Path file = dir.sleeperChild("web", "stopsignal: STOP\n");

        CliResult start = server.keeper("start", "web");

        assertEquals(1, start.exitCode(), start.toString());
        assertTrue(start.text().contains(file + ":2: field 'stopsignal': must be one of TERM, INT, QUIT, HUP, KILL,"
                + " USR1, USR2, not 'STOP'"), start.toString());
    }

    @Test
    void aChildThatIgnoresSigtermIsStoppedByItsStopSignal() throws IOException {
        Path record = temp.resolve("signals");
        dir.child("trapper", "shell: true\nstopsignal: USR1\nstop_timeout: 15\ncommand: \"trap 'echo TERM >> " + record
                + "' TERM; trap 'echo USR1 >> " + record + "; exit 0' USR1; echo ready >> " + record
                + "; while :; do sleep 0.05; done\"\n");
        long pid = pid(ok(server.keeper("start", "trapper")));
        Awaitility.await("the trap set").atMost(WITHIN).until(() -> Files.exists(record)
                && Files.readString(record).contains("ready"));

        CliResult stop = ok(server.keeper("stop", "trapper"));

        assertTrue(stop.text().contains("trapper stopped (pid " + pid + ", SIGUSR1, "), stop.toString());
        assertEquals(List.of("ready", "USR1"), Files.readAllLines(record));
        assertFalse(Proc.alive(pid));
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> values(List<String> status, String name) {
        String line = status.stream().filter(l -> l.startsWith(name)).findFirst().orElseThrow();
        return List.of(line.substring(name.length()).strip().split("\\s+"));
    }
}
