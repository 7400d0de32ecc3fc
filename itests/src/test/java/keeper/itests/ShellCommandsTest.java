package keeper.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.itests.harness.EmbeddedRuntime;
import keeper.itests.harness.Proc;
import keeper.itests.harness.RawClient;
import keeper.itests.harness.ServerDir;

/** Issue 4: local control from the runtime's Gogo shell, on real child processes; issue 12: plugin commands there too. */
class ShellCommandsTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    @Test
    void aCommandBundleInDeployIsAShellFunctionUntilItGoes() throws Exception {
        ServerDir dir = ServerDir.create(temp);
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(dir.serverYml(), dir.stateDir(), "core", "shell")) {
            assertTrue(gogoError(runtime, "keeper:uptime").contains("not found"));

            Path plugin = Files.copy(Path.of(System.getProperty("keeper.example.jar")),
                    runtime.deployDir().resolve("keeper.example.plugin.jar"));
            String uptime = Awaitility.await("keeper:uptime in the shell").atMost(WITHIN).ignoreExceptions()
                    .until(() -> runtime.gogo("keeper:uptime"), text -> text.contains("server  up"));
            assertTrue(uptime.contains("machine up"), uptime);
            String overTcp = RawClient.exchange(dir.port(), "KEEPER/2\nline: uptime\n");
            assertTrue(overTcp.startsWith("KEEPER/2 OK") && overTcp.contains("server  up"), overTcp);
            assertTrue(runtime.gogo("keeper:help").contains("uptime"));
            EmbeddedRuntime.GogoException noArgument = assertThrows(EmbeddedRuntime.GogoException.class,
                    () -> runtime.gogo("keeper:uptime web"));
            assertTrue(noArgument.getMessage().contains("takes no child name"), noArgument.getMessage());

            Files.delete(plugin);
            Awaitility.await("keeper:uptime gone").atMost(WITHIN)
                    .until(() -> gogoError(runtime, "keeper:uptime").contains("not found"));
            assertTrue(RawClient.exchange(dir.port(), "KEEPER/2\nline: uptime\n").contains("unknown command 'uptime'"));
            assertTrue(runtime.gogo("keeper:status").contains("no child"), "the built-ins stay");
            assertEquals(List.of(), runtime.componentProblems());
        }
    }

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
            JsonNode status = new ObjectMapper().readTree(runtime.gogo("keeper:status --json web"));
            assertEquals(pid, status.get("children").get(0).get("pid").asLong(), "issue 15: --json in the shell too");
            assertTrue(runtime.gogo("keeper:info").contains(dir.serverYml().toString()));
            EmbeddedRuntime.GogoException refused = assertThrows(EmbeddedRuntime.GogoException.class,
                    () -> runtime.gogo("keeper:start web"));
            assertTrue(refused.getMessage().contains("already running"), refused.getMessage());
            runtime.gogo("keeper:trystart web");
            Proc.awaitDead(pid, Duration.ofSeconds(20));
            runtime.gogo("keeper:restart web");
            runtime.gogo("keeper:stop web");
            assertEquals(List.of(), Proc.pidsOf(dir.sleeper("web")));
            String help = runtime.gogo("keeper:help");
            for (String command : List.of("start", "stop", "restart", "trystart", "check", "info", "status", "kill")) {
                assertTrue(help.contains(command), "keeper:help lists " + command + ":\n" + help);
            }
        } finally {
            Proc.killAll(dir.sleeper("web"));
        }
    }

    @Test
    void aChildIsItsFileNameBeforeTheFirstDotAndABadFileIsOneLine() throws Exception {
        ServerDir dir = ServerDir.create(temp);
        Path web = dir.sleeperChild("web", "");
        Path webStaging = dir.child("web.staging", "command: \"" + dir.sleeper("web") + "\"\n");
        dir.child("db.prod", "command: \"" + dir.sleeper("db") + "\"\n");
        Path broken = dir.child("broken", "command: [oops\n");
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(dir.serverYml(), dir.stateDir(), "core", "shell")) {
            Matcher started = Pattern.compile("pid (\\d+)").matcher(runtime.gogo("keeper:start db"));
            assertTrue(started.find());
            assertEquals(dir.sleeper("db"), Proc.cmdline(Long.parseLong(started.group(1))), "db.prod.yml is child db");
            assertTrue(gogoError(runtime, "keeper:start web").contains(web.toString()), "the clash names both files");

            String clash = "problem: " + web + ": child 'web' is also defined by " + webStaging;
            for (String listing : List.of("keeper:status", "keeper:check", "keeper:info")) {
                List<String> lines = runtime.gogo(listing).lines().toList();
                assertTrue(lines.stream().anyMatch(line -> line.startsWith(clash)), listing + ":\n" + lines);
                assertEquals(1, lines.stream().filter(line -> line.startsWith("problem: " + broken)).count(),
                        listing + ":\n" + lines);
            }
            String status = runtime.gogo("keeper:status");
            assertTrue(status.contains("db ") && status.contains("broken "), "the good children stay listed:\n" + status);
        } finally {
            Proc.killAll(dir.sleeper("db"));
            Proc.killAll(dir.sleeper("web"));
        }
    }

    /** Why {@code command} failed in the shell, or empty when it did not. */
    private static String gogoError(EmbeddedRuntime runtime, String command) throws Exception {
        try {
            runtime.gogo(command);
            return "";
        } catch (EmbeddedRuntime.GogoException e) {
            return e.getMessage();
        }
    }
}
