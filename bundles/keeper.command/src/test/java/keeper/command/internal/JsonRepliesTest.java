package keeper.command.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import keeper.api.AutoRestart;
import keeper.api.ChildSpec;
import keeper.api.ChildState;
import keeper.api.ChildStatus;
import keeper.api.ConfigException;
import keeper.api.ConfigProblem;
import keeper.api.Health;
import keeper.api.HealthCheck;
import keeper.api.LogRotation;
import keeper.api.Output;
import keeper.api.Probe;
import keeper.api.Probes;
import keeper.api.Repeat;
import keeper.api.RunAs;
import keeper.api.ServerInfo;
import keeper.api.spi.command.Caller;
import keeper.api.spi.command.KeeperCommand;
import keeper.api.spi.command.Reply;
import keeper.api.spi.command.Request;

/** {@code status|check|info --json} read back by a real JSON parser. */
class JsonRepliesTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final Caller CALLER = new Caller("tcp", "127.0.0.1:40000", false);
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Path STATE = Path.of("/var/lib/keeper");
    private static final Path BROKEN = Path.of("/etc/keeper/children/db\u001b[2J.yml");

    private final FakeSupervisor supervisor = new FakeSupervisor();
    private final ServerOnlyConfig config = new ServerOnlyConfig(() -> FakeSupervisor.config(true),
            List.of(new ConfigProblem(BROKEN, 2, "command", "must not be empty")));

    private static JsonNode json(KeeperCommand command, String target, boolean ok) throws Exception {
        Reply reply = command.execute(new Request("x", target, List.of("--json")), CALLER);
        assertEquals(ok, reply.ok(), reply.text());
        assertFalse(reply.text().contains("\n"), "one line: " + reply.text());
        return JACKSON.readTree(reply.text());
    }

    @Test
    void statusGivesEveryChildWithItsFactsAndTheChildFileProblems() throws Exception {
        supervisor.known = List.of(new ChildStatus("web", ChildState.RUNNING, 4242, NOW.minusSeconds(65), null, 1, null),
                new ChildStatus("db", ChildState.EXITED, 77, NOW.minusSeconds(600), 3, 2, null),
                new ChildStatus("new", ChildState.STOPPED, 0, null, null, 0, null));

        JsonNode status = json(new StatusCommand(supervisor, config, CLOCK), null, true);

        JsonNode web = status.get("children").get(0);
        assertEquals("web", web.get("name").asText());
        assertEquals("running", web.get("state").asText());
        assertEquals(4242, web.get("pid").asLong());
        assertEquals("2026-11-25T11:58:55Z", web.get("started_at").asText());
        assertEquals(65_000, web.get("uptime_ms").asLong());
        assertEquals(1, web.get("restarts").asInt());
        assertTrue(web.get("exit_code").isNull());
        JsonNode db = status.get("children").get(1);
        assertEquals(3, db.get("exit_code").asInt());
        assertTrue(db.get("uptime_ms").isNull(), "an exited child has no uptime");
        JsonNode fresh = status.get("children").get(2);
        assertTrue(fresh.get("pid").isNull() && fresh.get("started_at").isNull());
        JsonNode problem = status.get("problems").get(0);
        assertEquals(BROKEN.toString(), problem.get("file").asText());
        assertEquals(2, problem.get("line").asInt());
        assertEquals("command", problem.get("field").asText());
        assertEquals("must not be empty", problem.get("message").asText());
        assertFalse(status.has("error"));
    }

    @Test
    void statusAndInfoGiveHealthAndProbes() throws Exception {
        Probe ready = new Probe(Probe.Kind.TCP, "127.0.0.1:5432", List.of(), Duration.ofSeconds(30));
        Probe check = new Probe(Probe.Kind.HTTP, "http://127.0.0.1:8080/healthz", List.of(), Duration.ofSeconds(2));
        ChildSpec spec = new ChildSpec("web", Path.of("/srv/a/web.yml"), "web", List.of("web"), null, Map.of(), null,
                null, null, null, null, AutoRestart.NEVER, 3, Duration.ofSeconds(10), Duration.ofSeconds(1),
                LogRotation.DEFAULT, new Probes(List.of("db"), ready, new HealthCheck(check, Duration.ofSeconds(10), 3),
                        200L << 20));
        supervisor.known = List.of(new ChildStatus("web", ChildState.RUNNING, 4242, NOW, null, 0, spec,
                new Health(Health.Condition.UNHEALTHY, "http http://127.0.0.1:8080/healthz: answered 500", NOW, 2)));

        JsonNode health = json(new StatusCommand(supervisor, config, CLOCK), "web", true).get("children").get(0)
                .get("health");
        assertEquals("unhealthy", health.get("condition").asText());
        assertEquals("http http://127.0.0.1:8080/healthz: answered 500", health.get("detail").asText());
        assertEquals(NOW.toString(), health.get("checked_at").asText());
        assertEquals(2, health.get("failures").asInt());

        JsonNode web = json(new InfoCommand(supervisor, config, CLOCK, STATE), "web", true);
        assertEquals("[\"db\"]", web.get("depends_on").toString());
        assertEquals("tcp", web.get("ready").get("kind").asText());
        assertEquals(30_000, web.get("ready").get("timeout_ms").asLong());
        assertEquals("http://127.0.0.1:8080/healthz", web.get("health").get("target").asText());
        assertEquals(10_000, web.get("health").get("interval_ms").asLong());
        assertEquals(3, web.get("health").get("failures").asInt());
        assertEquals(200L << 20, web.get("max_memory_bytes").asLong());
    }

    @Test
    void anUnknownChildIsAnErrorDocument() throws Exception {
        JsonNode ghost = json(new StatusCommand(supervisor, config, CLOCK), "ghost", false);
        assertEquals(0, ghost.get("children").size());
        assertTrue(ghost.get("error").asText().startsWith("no child named 'ghost'"));
        assertTrue(json(new InfoCommand(supervisor, config, CLOCK, STATE), "ghost", false).get("error").asText()
                .startsWith("no child named 'ghost'"));
    }

    @Test
    void statusWhenTheChildFilesCannotBeListedKeepsTheKnownChildrenAndSaysWhy() throws Exception {
        ServerOnlyConfig broken = new ServerOnlyConfig(() -> {
            throw new ConfigException(new ConfigProblem(Path.of("/etc/keeper/server.yml"), 3, "loadpaths", "is not a list"));
        });
        supervisor.known = List.of(new ChildStatus("web", ChildState.RUNNING, 4242, NOW, null, 0, null));

        JsonNode status = json(new StatusCommand(supervisor, broken, CLOCK), null, false);

        assertEquals("web", status.get("children").get(0).get("name").asText());
        assertEquals("cannot list the child files: /etc/keeper/server.yml:3: field 'loadpaths': is not a list",
                status.get("error").asText());
    }

    @Test
    void checkHasTheShapeOfStatusForTheRunningChildren() throws Exception {
        supervisor.running = List.of(new ChildStatus("web", ChildState.RUNNING, 4242, NOW.minusSeconds(5), null, 0, null));

        JsonNode check = json(new CheckCommand(supervisor, config, CLOCK), null, true);
        assertEquals(1, check.get("children").size());
        assertEquals(5_000, check.get("children").get(0).get("uptime_ms").asLong());
        assertEquals(1, check.get("problems").size());
        assertEquals(0, json(new CheckCommand(supervisor, config, CLOCK), "db", true).get("children").size());
    }

    @Test
    void infoGivesTheServerAndItsConfiguration() throws Exception {
        supervisor.info = new ServerInfo("0.1.0", 4242, NOW.minusSeconds(3600), FakeSupervisor.config(true),
                List.of("db", "web"));
        InfoCommand command = new InfoCommand(supervisor, config, CLOCK, STATE);
        command.addListener(() -> "tcp://127.0.0.1:33889");

        JsonNode info = json(command, null, true);

        assertEquals("0.1.0", info.get("version").asText());
        assertEquals(4242, info.get("pid").asLong());
        assertEquals(3_600_000, info.get("uptime_ms").asLong());
        assertEquals("/etc/keeper/server.yml", info.get("config").get("file").asText());
        assertEquals("[\"/srv/a\",\"/srv/b\"]", info.get("config").get("load_paths").toString());
        assertEquals("half", info.get("config").get("mode").asText());
        assertTrue(info.get("config").get("encrypt").asBoolean());
        assertEquals("[\"tcp://127.0.0.1:33889\"]", info.get("listening").toString());
        assertEquals("[]", info.get("features").toString());
        assertEquals("[\"db\",\"web\"]", info.get("running").toString());
        assertEquals(1, info.get("problems").size());
    }

    @Test
    void infoOfAChildGivesItsConfigurationWithoutEnvironmentValues() throws Exception {
        ChildSpec spec = new ChildSpec("web", Path.of("/srv/a/web.yml"), "python3 -m http.server",
                List.of("python3", "-m", "http.server"), null, Map.of("TOKEN", "s3cret"),
                new Output(Path.of("/var/log/web.out"), false), null, new Repeat("restart", 3600),
                null, null, AutoRestart.ON_FAILURE, 3, Duration.ofSeconds(10), Duration.ofSeconds(1),
                LogRotation.DEFAULT, Probes.NONE, new RunAs("www-data", null, 022, 4096L, RunAs.StopSignal.USR1));
        supervisor.known = List.of(new ChildStatus("web", ChildState.RUNNING, 4242, NOW, null, 0, spec));

        JsonNode web = json(new InfoCommand(supervisor, config, CLOCK, STATE), "web", true);

        assertEquals("python3 -m http.server", web.get("command").asText());
        assertEquals("[\"TOKEN\"]", web.get("environment").toString());
        assertFalse(web.toString().contains("s3cret"));
        assertEquals("/var/log/web.out", web.get("stdout").get("path").asText());
        assertFalse(web.get("stdout").get("append").asBoolean());
        assertEquals("/var/lib/keeper/logs/web.err.log", web.get("stderr").get("path").asText());
        assertTrue(web.get("stderr").get("default").asBoolean());
        assertEquals(3600, web.get("repeat").get("seconds").asLong());
        assertTrue(web.get("prehook").isNull());
        assertEquals("on-failure", web.get("autorestart").asText());
        assertEquals(10_000, web.get("stop_timeout_ms").asLong());
        assertEquals("USR1", web.get("stopsignal").asText());
        assertEquals("www-data", web.get("user").asText());
        assertTrue(web.get("group").isNull());
        assertEquals("022", web.get("umask").asText());
        assertEquals(4096, web.get("nofile").asLong());
        assertEquals(1_000, web.get("startsecs_ms").asLong());
    }
}
