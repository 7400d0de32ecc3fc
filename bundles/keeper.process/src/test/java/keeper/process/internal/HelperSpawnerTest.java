package keeper.process.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.api.Output;
import keeper.api.RunAs;

/** The helper spawner on its own: who the children's parent is, and the fallback to the JDK. */
class HelperSpawnerTest {

    @TempDir
    Path dir;
    private final SupervisorThreads threads = new SupervisorThreads();

    @AfterEach
    void stopThreads() {
        threads.shutdown();
    }

    @Test
    void whenPerlCannotRunTheHelperTheJdkSpawns() throws Exception {
        Path brokenPerl = Files.writeString(dir.resolve("perl"),
                "#!/bin/sh\necho \"Can't locate POSIX.pm\" >&2\nexit 2\n");
        Files.setPosixFilePermissions(brokenPerl, PosixFilePermissions.fromString("rwxr-xr-x"));
        HelperSpawner spawner = new HelperSpawner(brokenPerl, dir.resolve("run"), new AdoptedExits(threads));
        try {
            Run run = spawner.spawn(sleeper());
            assertEquals(ProcessHandle.current().pid(), run.handle().parent().orElseThrow().pid(),
                    "the JVM itself is the parent");
            run.handle().destroy();
            assertEquals(128 + 15, run.onExit().get(5, TimeUnit.SECONDS));
        } finally {
            spawner.close();
        }
    }

    @Test
    void theHelperIsTheParentOfWhatItSpawns() throws Exception {
        Path perl = Path.of("/usr/bin/perl");
        assumeTrue(Files.isExecutable(perl), "perl-base is installed");
        HelperSpawner spawner = new HelperSpawner(perl, dir.resolve("run"), new AdoptedExits(threads));
        try {
            Run run = spawner.spawn(sleeper());
            ProcessHandle parent = run.handle().parent().orElseThrow();
            assertEquals(ProcessHandle.current().pid(), parent.parent().orElseThrow().pid());
            assertEquals("/usr/bin/perl", parent.info().command().orElseThrow());
            run.handle().destroy();
            assertEquals(128 + 15, run.onExit().get(5, TimeUnit.SECONDS));
        } finally {
            spawner.close();
        }
    }

    @Test
    void anArmedChildIsSpawnedAgainAtOnceWhenItDiesAndNotOnceDisarmed() throws Exception {
        Path perl = Path.of("/usr/bin/perl");
        assumeTrue(Files.isExecutable(perl), "perl-base is installed");
        HelperSpawner spawner = new HelperSpawner(perl, dir.resolve("run"), new AdoptedExits(threads));
        try {
            Run first = spawner.spawn(sleeper(Duration.ZERO));
            first.handle().destroyForcibly();

            assertEquals(128 + 9, first.onExit().get(5, TimeUnit.SECONDS));
            Run again = first.respawned().orElseThrow(() -> new AssertionError("not spawned again"));
            assertNotEquals(first.pid(), again.pid());
            assertEquals(spawner.adopters(), Set.of(again.handle().parent().orElseThrow().pid()), "the helper spawned it");
            assertTrue(again.mayRespawn(), "armed as the first was");

            spawner.disarm(List.of(again.pid()));
            again.handle().destroyForcibly();
            assertEquals(128 + 9, again.onExit().get(5, TimeUnit.SECONDS));
            assertEquals(Optional.empty(), again.respawned());
        } finally {
            spawner.close();
        }
    }

    private Launch sleeper() throws IOException {
        return sleeper(null);
    }

    private Launch sleeper(Duration respawnAfter) throws IOException {
        Path log = dir.resolve("out.log");
        if (!Files.exists(log)) {
            Files.createFile(log);
        }
        return new Launch(Path.of("/bin/sleep"), List.of("sleep", "300"), dir, System.getenv(),
                new Output(log, true), null, RunAs.DEFAULT, dir.resolve("sleeper.yml"), respawnAfter);
    }
}
