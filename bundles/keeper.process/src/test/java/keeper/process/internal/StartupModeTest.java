package keeper.process.internal;

import static keeper.process.internal.SpecBuilder.sleeper;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import keeper.api.ChildStatus;
import keeper.api.StartupMode;

class StartupModeTest extends SupervisorTestBase {

    private static final Duration DEADLINE = Duration.ofSeconds(5);

    @Test
    void halfModeStartsTheStartupListAndSkipsMissingNames() {
        config.put(sleeper(config, "a")).put(sleeper(config, "b")).put(sleeper(config, "c"))
                .mode(StartupMode.HALF, "c", "missing", "a");
        ProcessSupervisor supervisor = newSupervisor();

        await().atMost(DEADLINE).until(() -> names(supervisor.check(null)), List.of("a", "c")::equals);
        assertEquals(List.of(), fatals);
    }

    @Test
    void fullModeStartsEveryChild() {
        config.put(sleeper(config, "a")).put(sleeper(config, "b")).mode(StartupMode.FULL);
        ProcessSupervisor supervisor = newSupervisor();

        await().atMost(DEADLINE).until(() -> names(supervisor.check(null)), List.of("a", "b")::equals);
        assertEquals(List.of(), fatals);
    }

    @Test
    void fullModeWithInvalidFilesIsFatalNamingEveryOneAndStartsNothing() {
        config.put(sleeper(config, "a")).breakChild("b", "is empty").breakChild("c", "is not a string")
                .mode(StartupMode.FULL);
        ProcessSupervisor supervisor = newSupervisor();

        await().atMost(DEADLINE).until(() -> !fatals.isEmpty());
        assertEquals("full mode: these child files are invalid:\n"
                + config.loadPath().resolve("b.yml") + ":2: field 'command': is empty\n"
                + config.loadPath().resolve("c.yml") + ":2: field 'command': is not a string", fatals.get(0));
        assertEquals(List.of(), supervisor.check(null));
    }

    @Test
    void anInvalidServerConfigIsFatal() {
        config.breakServer("unknown mode 'loud'");
        newSupervisor();

        await().atMost(DEADLINE).until(() -> !fatals.isEmpty());
        assertEquals("invalid server config:\n" + config.loadPath().resolveSibling("server.yml")
                + ":1: field 'mode': unknown mode 'loud'", fatals.get(0));
    }

    @Test
    void quietModeStartsNothing() {
        config.put(sleeper(config, "a")).mode(StartupMode.QUIET, "a");
        ProcessSupervisor supervisor = newSupervisor();

        await().during(Duration.ofMillis(500)).atMost(DEADLINE).until(() -> supervisor.check(null).isEmpty());
        assertEquals(List.of(), fatals);
    }

    private static List<String> names(List<ChildStatus> statuses) {
        return statuses.stream().map(ChildStatus::name).toList();
    }
}
