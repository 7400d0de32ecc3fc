package keeper.process.internal;

import static keeper.process.internal.SpecBuilder.shell;
import static keeper.process.internal.SpecBuilder.sleeper;
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
import org.junit.jupiter.api.Test;

import keeper.api.Outcome;
import keeper.api.Refusal;
import keeper.api.RunAs;
import keeper.api.RunAs.StopSignal;
import keeper.api.StopResult;

/** Issue 15: a child's user, group, umask, open-files limit and stop signal, read back from /proc. */
class RunAsTest extends SupervisorTestBase {

    private static final long NOBODY = 65534;

    @Test
    void aChildRunsAsNobodyWithItsUmaskAndOpenFilesLimit() throws IOException {
        assumeTrue(root(), "only root can run a child as another user");
        config.put(sleeper(config, "web").runAs(new RunAs("nobody", null, 027, 123L, StopSignal.TERM)));
        ProcessSupervisor supervisor = newSupervisor();

        long pid = ok(supervisor.start("web")).pid();
        awaitProgram(pid);

        List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
        assertEquals(List.of(NOBODY, NOBODY, NOBODY, NOBODY), ids(status, "Uid:"));
        assertEquals(List.of(NOBODY, NOBODY, NOBODY, NOBODY), ids(status, "Gid:"));
        assertEquals("0027", field(status, "Umask:"));
        assertEquals("65534", field(status, "Groups:"), "root's supplementary groups are dropped");
        assertEquals("0000000000000000", field(status, "CapEff:"), "no capability is left");
        assertTrue(Files.readAllLines(Path.of("/proc", Long.toString(pid), "limits")).stream()
                .anyMatch(line -> line.matches("Max open files\\s+123\\s+123\\s+files\\s*")));
        Path log = stateDir.resolve("logs/web.out.log");
        assertEquals(NOBODY, ((Number) Files.getAttribute(log, "unix:uid")).longValue(), "the child may reopen its log");
    }

    @Test
    void aGroupAloneChangesOnlyTheGroup() throws IOException {
        assumeTrue(root(), "only root can run a child as another group");
        config.put(sleeper(config, "web").runAs(new RunAs(null, "nogroup", null, null, StopSignal.TERM)));

        long pid = ok(newSupervisor().start("web")).pid();
        awaitProgram(pid);

        List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
        assertEquals(List.of(0L, 0L, 0L, 0L), ids(status, "Uid:"));
        assertEquals(List.of(NOBODY, NOBODY, NOBODY, NOBODY), ids(status, "Gid:"));
    }

    @Test
    void anUnknownUserIsRefusedNamingTheFileAndFieldAndNothingRuns() {
        Path marker = dir.resolve("ran");
        config.put(shell(config, "web", "touch " + marker).runAs(new RunAs("no-such-user-15b", null, null, null,
                StopSignal.TERM)));
        ProcessSupervisor supervisor = newSupervisor();

        String detail = refused(supervisor.start("web"), Refusal.Reason.SPAWN_FAILED);

        assertEquals(config.loadPath().resolve("web.yml") + ": field 'user': there is no user 'no-such-user-15b' on"
                + " this system", detail);
        assertFalse(Files.exists(marker));
    }

    @Test
    void anUnknownGroupIsRefused() {
        config.put(sleeper(config, "web").runAs(new RunAs(null, "no-such-group-15b", null, null, StopSignal.TERM)));

        String detail = refused(newSupervisor().start("web"), Refusal.Reason.SPAWN_FAILED);

        assertTrue(detail.endsWith(": field 'group': there is no group 'no-such-group-15b' on this system"), detail);
    }

    @Test
    void aServerThatIsNotRootRefusesAnotherUserButPassesItsOwn() {
        assumeTrue(!root(), "a root server may switch");
        config.put(sleeper(config, "other").runAs(new RunAs("root", null, null, null, StopSignal.TERM)));
        config.put(sleeper(config, "self").runAs(new RunAs(System.getProperty("user.name"), null, null, null,
                StopSignal.TERM)));
        ProcessSupervisor supervisor = newSupervisor();

        String detail = refused(supervisor.start("other"), Refusal.Reason.SPAWN_FAILED);

        assertTrue(detail.contains("field 'user': the server runs as uid"), detail);
        ok(supervisor.start("self"));
    }

    @Test
    void aStopSendsTheChildsStopSignalAndNotSigterm() throws IOException {
        Path record = dir.resolve("signals");
        config.put(shell(config, "trapper", "trap 'echo TERM >> " + record + "' TERM; trap 'echo USR1 >> " + record
                + "; exit 0' USR1; echo ready >> " + record + "; while :; do sleep 0.05; done")
                .runAs(new RunAs(null, null, null, null, StopSignal.USR1)));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("trapper"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(record)
                && Files.readString(record).contains("ready"));

        Outcome stopped = ok(supervisor.stop("trapper"));

        StopResult stop = stopped.stop();
        assertEquals(StopResult.End.TERMINATED, stop.end(), stop::toString);
        assertEquals(StopSignal.USR1, stop.stopSignal());
        assertEquals("USR1", stop.signal());
        assertEquals(List.of("ready", "USR1"), Files.readAllLines(record));
    }

    /** The JDK spawner answers the pid of its wrappers (setsid, prlimit, setpriv...), which exec the program soon after. */
    private static void awaitProgram(long pid) {
        Awaitility.await("pid " + pid + " to exec sleep").atMost(Duration.ofSeconds(10)).until(() -> Files
                .readString(Path.of("/proc", Long.toString(pid), "comm")).strip().equals("sleep"));
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String field(List<String> status, String name) {
        return status.stream().filter(line -> line.startsWith(name)).findFirst().orElseThrow()
                .substring(name.length()).strip();
    }

    private static List<Long> ids(List<String> status, String name) {
        return List.of(field(status, name).split("\\s+")).stream().map(Long::parseLong).toList();
    }
}
