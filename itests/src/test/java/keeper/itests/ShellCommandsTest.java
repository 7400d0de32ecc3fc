package keeper.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.itests.harness.EmbeddedRuntime;
import keeper.itests.harness.Proc;
import keeper.itests.harness.ServerDir;

/** Issue 4: local control from the runtime's Gogo shell, on real child processes. */
class ShellCommandsTest {

    @TempDir
    Path temp;

    @Test
    void everyKeeperCommandWorksFromTheShell() throws Exception {
        ServerDir dir = ServerDir.create(temp);
        dir.sleeperChild("web", "");
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(dir.serverYml(), dir.stateDir(), "core", "shell")) {
            Matcher started = Pattern.compile("pid (\\d+)").matcher(runtime.gogo("keeper:start web"));
            assertTrue(started.find());
            long pid = Long.parseLong(started.group(1));
            assertEquals(dir.sleeper("web"), Proc.cmdline(pid));
            assertTrue(runtime.gogo("keeper:check").contains("web"));
            assertTrue(runtime.gogo("keeper:status web").contains(Long.toString(pid)));
            assertTrue(runtime.gogo("keeper:info").contains(dir.serverYml().toString()));
            EmbeddedRuntime.GogoException refused = assertThrows(EmbeddedRuntime.GogoException.class,
                    () -> runtime.gogo("keeper:start web"));
            assertTrue(refused.getMessage().contains("already running"), refused.getMessage());
            runtime.gogo("keeper:trystart web");
            Proc.awaitDead(pid, Duration.ofSeconds(20));
            runtime.gogo("keeper:restart web");
            runtime.gogo("keeper:stop web");
            assertEquals(List.of(), Proc.pidsOf(dir.sleeper("web")));
            for (String command : List.of("start", "stop", "restart", "trystart", "check", "info", "status")) {
                String help = runtime.gogo("help keeper:" + command);
                assertTrue(help.lines().count() >= 2, "help for keeper:" + command + ":\n" + help);
            }
        } finally {
            Proc.killAll(dir.sleeper("web"));
        }
    }
}
