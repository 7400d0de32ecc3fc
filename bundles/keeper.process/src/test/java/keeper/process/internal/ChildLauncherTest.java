package keeper.process.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.api.ChildSpec;

/** What a launch carries to the spawner, and what is checked again at the next spawn of the same config. */
class ChildLauncherTest {

    @TempDir
    Path dir;
    private MapConfig config;
    /** Every launch handed over; a program that is not there fails as exec would. */
    private final List<Launch> launches = new ArrayList<>();
    private ChildLauncher launcher;

    @BeforeEach
    void setUp() throws IOException {
        config = new MapConfig(Files.createDirectories(dir.resolve("children")));
        Spawner recording = new Spawner() {
            @Override
            public Run spawn(Launch launch) throws SpawnException {
                launches.add(launch);
                if (!Files.isExecutable(launch.program())) {
                    throw launch.cannotRun("No such file or directory");
                }
                return Run.spawned(ProcessHandle.current(), java.time.Instant.now(), new CompletableFuture<>(),
                        new CompletableFuture<>());
            }

            @Override
            public void close() {
            }
        };
        launcher = new ChildLauncher(dir.resolve("state"), recording, new ChildMarks("server-1"));
    }

    @Test
    void aSpawnCarriesOnlyTheChildsOwnVariablesAndItsMarksNotTheServersEnvironment() throws SpawnException {
        launcher.spawn(SpecBuilder.sleeper(config, "web").environment(Map.of("GREETING", "hi")).build());

        assertEquals(Map.of("GREETING", "hi", ChildMarks.SERVER, "server-1", ChildMarks.CHILD, "web"),
                launches.get(0).environment());
    }

    @Test
    void theSameConfigIsSpawnedFromTheLaunchCheckedBeforeAndAChangedOneIsCheckedAnew() throws SpawnException {
        ChildSpec spec = SpecBuilder.sleeper(config, "web").build();
        launcher.spawn(spec);
        launcher.spawn(SpecBuilder.sleeper(config, "web").build());
        ChildSpec changed = SpecBuilder.sleeper(config, "web").environment(Map.of("PATH", "/usr/bin")).build();
        launcher.spawn(changed);

        assertSame(launches.get(0), launches.get(1), "an equal config is not checked again");
        assertNotSame(launches.get(1), launches.get(2));
        assertEquals(Path.of("/usr/bin/sleep"), launches.get(2).program(), "found in the child's own PATH");
    }

    @Test
    void aProgramGoneSinceItsLaunchWasCheckedIsRefusedNamingIt() throws Exception {
        Path program = Files.writeString(dir.resolve("serve"), "#!/bin/sh\nexec sleep 300\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        ChildSpec spec = SpecBuilder.child(config, "web", program.toString()).build();
        launcher.spawn(spec);
        Files.delete(program);

        SpawnException refused = assertThrows(SpawnException.class, () -> launcher.spawn(spec));

        assertTrue(refused.getMessage().contains("program " + program + " does not exist"), refused.getMessage());
        assertEquals(2, launches.size(), "the kept launch was tried once, then the config checked anew");
    }
}
