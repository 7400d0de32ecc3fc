package keeper.process.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.api.Output;
import keeper.api.RunAs;
import keeper.api.RunAs.StopSignal;

/**
 * Issue 15: a server that is not root cannot switch users. Run as root here, the test starts the spawn helper as
 * {@code nobody} (through setpriv), as a server of that user would: another user is refused naming the file and
 * field, and the helper's own user passes, with nothing to switch.
 */
class HelperAsNonRootTest {

    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    @TempDir
    Path dir;
    private final SupervisorThreads threads = new SupervisorThreads();
    private HelperSpawner spawner;

    @BeforeEach
    void startTheHelperAsNobody() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(SETPRIV)
                && Files.isExecutable(Path.of("/usr/bin/perl")), "needs root, setpriv and perl to play a non-root server");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path perlAsNobody = Files.writeString(dir.resolve("perl-as-nobody"), "#!/bin/sh\nexec " + SETPRIV
                + " --reuid=65534 --regid=65534 --clear-groups /usr/bin/perl \"$@\"\n");
        Files.setPosixFilePermissions(perlAsNobody, PosixFilePermissions.fromString("rwxr-xr-x"));
        spawner = new HelperSpawner(perlAsNobody, dir.resolve("run"), new AdoptedExits(threads));
        Files.setPosixFilePermissions(Files.createDirectories(dir.resolve("run")),
                PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void stop() {
        if (spawner != null) {
            spawner.close();
        }
        threads.shutdown();
    }

    @Test
    void anotherUserIsRefusedNamingTheFileAndField() throws IOException {
        SpawnException refused = assertThrows(SpawnException.class, () -> spawner.spawn(sleeper("root", null)));

        assertEquals(dir.resolve("web.yml") + ": field 'user': the server runs as uid 65534 (not root), so it cannot run"
                + " a child as user 'root'", refused.getMessage());
    }

    @Test
    void anotherGroupIsRefused() throws IOException {
        SpawnException refused = assertThrows(SpawnException.class, () -> spawner.spawn(sleeper(null, "root")));

        assertEquals(dir.resolve("web.yml") + ": field 'group': the server runs as uid 65534 (not root), so it cannot"
                + " run a child as group 'root'", refused.getMessage());
    }

    @Test
    void theServersOwnUserPasses() throws Exception {
        Run run = spawner.spawn(sleeper("nobody", null));

        List<String> uid = Files.readAllLines(Path.of("/proc", Long.toString(run.pid()), "status")).stream()
                .filter(line -> line.startsWith("Uid:")).toList();
        assertEquals(List.of("Uid:\t65534\t65534\t65534\t65534"), uid);
        run.handle().destroy();
        assertEquals(128 + 15, run.onExit().get(5, TimeUnit.SECONDS));
    }

    private Launch sleeper(String user, String group) throws IOException {
        Path log = dir.resolve("out.log");
        if (!Files.exists(log)) {
            Files.createFile(log);
            Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-rw-rw-"));
        }
        return new Launch(Path.of("/bin/sleep"), List.of("sleep", "300"), dir, Map.of("PATH", "/usr/bin:/bin"),
                new Output(log, true), null, new RunAs(user, group, null, null, StopSignal.TERM), dir.resolve("web.yml"),
                null);
    }
}
