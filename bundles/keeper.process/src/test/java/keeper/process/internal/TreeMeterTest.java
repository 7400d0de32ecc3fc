package keeper.process.internal;

import static keeper.process.internal.SpecBuilder.shell;
import static keeper.process.internal.SpecBuilder.sleeper;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import keeper.api.ChildState;
import keeper.api.TreeUsage;

class TreeMeterTest extends SupervisorTestBase {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Test
    void measuresEachRunningChildsWholeTreeFromProc() throws Exception {
        config.put(shell(config, "forks", "sleep 300 & sleep 300 & wait"));
        config.put(sleeper(config, "idle"));
        config.put(sleeper(config, "stopped"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("forks"));
        ok(supervisor.start("idle"));
        long forks = pidOf(supervisor, "forks");

        // a background child is a forked copy of sh, of another size, until it has exec'd sleep
        await().atMost(DEADLINE).until(() -> ProcessHandle.of(forks).orElseThrow().children()
                .filter(child -> comm(child.pid()).equals("sleep")).count() == 2);
        // a sleep that has just exec'd still maps its libraries, so its size settles a moment after its name
        // changes: the reading must come to agree with /proc, within a page or two, before the deadline
        List<TreeUsage> usage = await().atMost(DEADLINE).until(supervisor::measure,
                readings -> readings.size() == 2 && readings.get(0).processes() == 3
                        && closeTo(readings.get(0).residentBytes(), treeResidentBytes(forks)));

        TreeUsage tree = usage.get(0);
        assertEquals("forks", tree.name());
        assertEquals(forks, tree.pid());
        assertEquals("idle", usage.get(1).name());
        assertEquals(1, usage.get(1).processes());
    }

    @Test
    void countsTheCpuTimeATreeUses() {
        config.put(shell(config, "busy", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; exec sleep 300"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("busy"));

        await().atMost(DEADLINE).until(() -> supervisor.measure().get(0).cpu(), cpu -> cpu.toMillis() >= 100);
    }

    @Test
    void aChildWithoutAProcessIsNotMeasured() {
        config.put(sleeper(config, "web"));
        ProcessSupervisor supervisor = newSupervisor();
        ok(supervisor.start("web"));
        ok(supervisor.stop("web"));

        assertEquals(List.of(), supervisor.measure());
    }

    @Test
    void theMoveThatEndsASpawnSaysHowLongTheSpawnTook() {
        config.put(sleeper(config, "web"));
        ProcessSupervisor supervisor = newSupervisor();
        List<Transition> seen = new CopyOnWriteArrayList<>();
        supervisor.subscribe(seen::add);

        ok(supervisor.start("web"));

        Transition spawned = seen.stream().filter(move -> move.state() == ChildState.RUNNING).findFirst().orElseThrow();
        assertNotNull(spawned.spawnTime());
        assertTrue(spawned.spawnTime().compareTo(Duration.ZERO) > 0, spawned::toString);
        assertTrue(seen.stream().filter(move -> move != spawned).allMatch(move -> move.spawnTime() == null),
                seen::toString);
    }

    private static long treeResidentBytes(long forks) {
        return residentBytes(forks) + ProcessHandle.of(forks).orElseThrow().children()
                .mapToLong(child -> residentBytes(child.pid())).sum();
    }

    private static boolean closeTo(long measured, long expected) {
        return Math.abs(measured - expected) < expected / 10;
    }

    private static long residentBytes(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
                    .findFirst().orElseThrow();
        } catch (Exception e) {
            throw new AssertionError("cannot read /proc/" + pid + "/status", e);
        }
    }

    private static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
