package keeper.command.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import keeper.api.AutoRestart;
import keeper.api.ChildSpec;
import keeper.api.ChildState;
import keeper.api.Health;
import keeper.api.ChildStatus;
import keeper.api.ConfigException;
import keeper.api.ConfigProblem;
import keeper.api.FeatureManager;
import keeper.api.Hook;
import keeper.api.Outcome;
import keeper.api.Output;
import keeper.api.Refusal;
import keeper.api.Repeat;
import keeper.api.ServerInfo;
import keeper.api.StopResult;
import keeper.api.spi.command.Caller;
import keeper.api.spi.command.KeeperCommand;
import keeper.api.spi.command.Reply;
import keeper.api.spi.command.Request;

class BuiltInCommandsTest {

    private static final Caller CALLER = new Caller("tcp", "127.0.0.1:40000", false);
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Path STATE = Path.of("/var/lib/keeper");
    /** server.yml as it reads after a bad edit; info only reads it when the supervisor could not. */
    private static final ServerOnlyConfig UNREADABLE_CONFIG = new ServerOnlyConfig(() -> {
        throw new ConfigException(new ConfigProblem(Path.of("/etc/keeper/server.yml"), 2, "mode",
                "must be one of quiet, half, full, not 'never'"));
    });

    private final FakeSupervisor supervisor = new FakeSupervisor();

    private static Reply run(KeeperCommand command, String target) {
        return command.execute(new Request("x", target), CALLER);
    }

    private static ChildStatus child(String name, ChildState state, long pid, Integer exit, int restarts) {
        return new ChildStatus(name, state, pid, NOW.minusSeconds(65), exit, restarts, null);
    }

    @Test
    void childCommandsCallTheirSupervisorOperation() {
        assertEquals(Reply.ok("web started (pid 42)"), run(new StartCommand(supervisor), "web"));
        assertEquals(Reply.ok("web restarted (pid 42)"), run(new RestartCommand(supervisor), "web"));
        assertEquals(Reply.ok("web started (pid 42) by trystart: it was not running"),
                run(new TryStartCommand(supervisor), "web"));
        assertEquals(Reply.ok("web stopped (pid 42, SIGTERM, 15 ms)"), run(new StopCommand(supervisor), "web"));
        assertEquals(List.of("start web", "restart web", "trystart web", "stop web"), supervisor.calls);
    }

    @Test
    void allMeansEveryChildForStartAndStopOnly() {
        assertEquals(Reply.ok("web started (pid 42)"), run(new StartCommand(supervisor), "all"));
        assertEquals(Reply.ok("web stopped (pid 42, SIGTERM, 15 ms)"), run(new StopCommand(supervisor), "all"));
        Reply restartAll = new RestartCommand(supervisor).execute(new Request("restart", "all"), CALLER);

        assertEquals(Reply.error("'restart all' is not supported: name one child"), restartAll);
        assertEquals(List.of("startAll", "stopAll"), supervisor.calls);
    }

    @Test
    void checkListsRunningChildrenWithPidAndUptime() {
        CheckCommand check = new CheckCommand(supervisor, new ServerOnlyConfig(() -> FakeSupervisor.config(true)), CLOCK);
        assertEquals(Reply.ok("no child is running"), run(check, null));
        assertEquals(Reply.ok("web is not running"), run(check, "web"));

        supervisor.running = List.of(child("web", ChildState.RUNNING, 4242, null, 0),
                child("db", ChildState.RUNNING, 77, null, 0));

        assertEquals(Reply.ok("""
                NAME  PID   UPTIME
                web   4242  1m 5s
                db    77    1m 5s"""), run(check, null));
        assertEquals(Reply.ok("NAME  PID  UPTIME\ndb    77   1m 5s"), run(check, "db"));
    }

    @Test
    void statusShowsEveryChildInAnyState() {
        StatusCommand status = new StatusCommand(supervisor, new ServerOnlyConfig(() -> FakeSupervisor.config(true)));
        assertEquals(Reply.ok("no child is known: the load paths hold no child file"), run(status, null));

        supervisor.known = List.of(child("db", ChildState.EXITED, 77, 1, 2),
                child("web", ChildState.RUNNING, 4242, null, 0), child("new", ChildState.STOPPED, 0, null, 0));

        assertEquals(Reply.ok("""
                NAME  STATE    PID   RESTARTS  EXIT  HEALTH
                db    exited   77    2         1     -
                web   running  4242  0         -     -
                new   stopped  -     0         -     -"""), run(status, null));
        assertTrue(run(status, "web").text().contains("web   running"));
        assertFalse(run(status, "ghost").ok());
        assertTrue(run(status, "ghost").text().startsWith("no child named 'ghost'"));
    }

    @Test
    void statusShowsHealthWithTheLastCheck() {
        Instant at = LocalDate.of(2026, 11, 26).atTime(12, 0, 1).atZone(ZoneId.systemDefault()).toInstant();
        assertEquals("unhealthy (2 failed): http http://127.0.0.1:8080/healthz: answered 500 at 12:00:01",
                StatusCommand.health(new Health(Health.Condition.UNHEALTHY,
                        "http http://127.0.0.1:8080/healthz: answered 500", at, 2)));
        assertEquals("ready: tcp 127.0.0.1:5432: connected at 12:00:01",
                StatusCommand.health(new Health(Health.Condition.READY, "tcp 127.0.0.1:5432: connected", at, 0)));
        assertEquals("last check: not ready within 2 s at 12:00:01",
                StatusCommand.health(new Health(Health.Condition.NONE, "not ready within 2 s", at, 0)));
        assertEquals("-", StatusCommand.health(Health.NONE));
    }

    @Test
    void listingsNameEveryBadChildFileOnceBelowTheGoodChildren() {
        Path dup = Path.of("/etc/keeper/children/web.prod.yml");
        Path broken = Path.of("/etc/keeper/children/db.yml");
        ServerOnlyConfig config = new ServerOnlyConfig(() -> FakeSupervisor.config(true), List.of(
                new ConfigProblem(dup, 0, null, "child 'web' is also defined by /etc/keeper/children/web.yml"),
                new ConfigProblem(broken, 2, "command", "must not be empty"),
                new ConfigProblem(broken, 3, "autorestart", "must be one of never, on-failure, always")));
        supervisor.known = List.of(child("db", ChildState.STOPPED, 0, null, 0), child("web", ChildState.RUNNING, 4242, null, 0));
        List<String> problemLines = List.of(
                "problem: /etc/keeper/children/web.prod.yml: child 'web' is also defined by /etc/keeper/children/web.yml",
                "problem: /etc/keeper/children/db.yml:2: field 'command': must not be empty (and 1 more in this file)");

        for (KeeperCommand listing : List.of(new StatusCommand(supervisor, config), new CheckCommand(supervisor, config, CLOCK),
                new InfoCommand(supervisor, config, CLOCK, STATE))) {
            Reply reply = run(listing, null);
            assertTrue(reply.ok(), reply.text());
            assertEquals(problemLines, reply.text().lines().skip(reply.text().lines().count() - 2).toList(), reply.text());
        }
        Reply status = run(new StatusCommand(supervisor, config), null);
        assertTrue(status.text().contains("db    stopped") && status.text().contains("web   running"), status.text());
        assertFalse(run(new StatusCommand(supervisor, config), "web").text().contains("problem:"), "one child asked for");
    }

    @Test
    void infoShowsServerConfigurationAndAddresses() {
        supervisor.info = new ServerInfo("0.1.0", 4242, NOW.minusSeconds(3600), FakeSupervisor.config(true),
                List.of("db", "web"));
        InfoCommand info = new InfoCommand(supervisor, UNREADABLE_CONFIG, CLOCK, STATE);
        info.addListener(() -> "tcp://127.0.0.1:33889");
        info.addListener(() -> "unix:///run/keeper.sock");
        info.setFeatures(new FakeFeatures());

        assertEquals(Reply.ok("""
                version:    0.1.0
                pid:        4242
                uptime:     1h
                config:     /etc/keeper/server.yml
                loadpaths:  /srv/a, /srv/b
                mode:       half
                encrypt:    on
                listening:  tcp://127.0.0.1:33889, unix:///run/keeper.sock
                features:   core, ssh
                running:    db, web"""), run(info, null));
    }

    @Test
    void infoNamesTheProblemWhenServerYmlBrokeWhileRunning() {
        supervisor.info = new ServerInfo("0.1.0", 4242, NOW.minusSeconds(60), null, List.of("web"));
        InfoCommand info = new InfoCommand(supervisor, UNREADABLE_CONFIG, CLOCK, STATE);

        Reply reply = run(info, null);
        assertTrue(reply.ok(), reply.text());
        assertTrue(reply.text().contains("config:     cannot be read now: /etc/keeper/server.yml:2: field 'mode'"), reply.text());
        assertTrue(reply.text().contains("running:    web"), reply.text());
    }

    @Test
    void infoOfAChildShowsItsConfiguration() {
        ChildSpec spec = new ChildSpec("web", Path.of("/srv/a/web.yml"), "python3 -m http.server",
                List.of("python3", "-m", "http.server"), null, Map.of("PORT", "8080"),
                new Output(Path.of("/var/log/web.out"), true), null, new Repeat("restart", 3600),
                new Hook("start", "db"), null, AutoRestart.ON_FAILURE, 3, Duration.ofSeconds(10));
        supervisor.known = List.of(new ChildStatus("web", ChildState.RUNNING, 4242, NOW, null, 0, spec),
                new ChildStatus("old", ChildState.RUNNING, 99, NOW, null, 0, null));
        InfoCommand info = new InfoCommand(supervisor, UNREADABLE_CONFIG, CLOCK, STATE);

        assertEquals(Reply.ok("""
                file:          /srv/a/web.yml
                command:       python3 -m http.server
                directory:     the child file's directory
                environment:   inherited plus PORT
                stdout:        /var/log/web.out (append)
                stderr:        /var/lib/keeper/logs/web.err.log (append, the default)
                rotation:      stdout at 50MB, 10 backups; stderr at 50MB, 10 backups
                repeat:        restart every 3600 s
                prehook:       start db
                posthook:      none
                autorestart:   on-failure
                startretries:  3
                stoptimeout:   10000 ms
                stopsignal:    SIGTERM
                user:          the server's
                group:         the server's
                umask:         the server's
                nofile:        the server's
                depends_on:    none
                ready:         once spawned
                health:        none
                max_memory:    none"""), run(info, "web"));
        assertEquals(Reply.ok("old was adopted from an earlier server and its child file is gone"), run(info, "old"));
        assertFalse(run(info, "ghost").ok());
    }

    @Test
    void killStopsEveryChildAnswersThenStopsTheServer() {
        AtomicBoolean stopped = new AtomicBoolean();
        StopResult stuck = new StopResult(77, StopResult.End.SURVIVED_KILL, null, Duration.ofMillis(15500),
                Duration.ofSeconds(10), 0, List.of());
        supervisor.stopAllOutcome = Outcome.ofAll(Outcome.Action.STOP_ALL, List.of(
                Outcome.done(Outcome.Action.STOP, "web", 0, FakeSupervisor.WEB_STOPPED),
                Outcome.refused(Outcome.Action.STOP, "db", Refusal.of(Refusal.Reason.STOP_FAILED, null)).withStop(stuck)));
        KillCommand kill = new KillCommand(supervisor, () -> stopped.set(true));

        Reply reply = run(kill, null);

        assertEquals(new Reply(false, "I am dying.\nweb stopped (pid 42, SIGTERM, 15 ms)\n"
                + "db (pid 77) did not exit even after SIGKILL (15.5 s after SIGTERM)"), reply);
        assertFalse(stopped.get(), "the server must outlive the reply for a moment");
        await().atMost(Duration.ofSeconds(5)).untilTrue(stopped);
        assertEquals(List.of("stopAll"), supervisor.calls);
    }

    @Test
    void helpListsEveryCommandWithUsageAndDescription() {
        HelpCommand help = new HelpCommand();
        help.addCommand(new StopCommand(supervisor), Map.of(KeeperCommand.NAME, "stop"));
        help.addCommand(new CheckCommand(supervisor, UNREADABLE_CONFIG), Map.of(KeeperCommand.NAME, "check"));
        help.addCommand(new KillCommand(supervisor, () -> { }), Map.of(KeeperCommand.NAME, "kill"));

        assertEquals(Reply.ok("""
                COMMAND        WHAT IT DOES
                check [child]  list the running children with pid and uptime (forgets the stopped ones)
                kill           stop every child, then the server
                stop <child>   stop a running child ('stop all': every running child)
                help           list the commands this server answers"""), run(help, null));
    }

    /** Three features, two of them installed. */
    private static final class FakeFeatures implements FeatureManager {
        @Override
        public List<Feature> features() {
            return List.of(new Feature("core", "", List.of(), List.of(), true),
                    new Feature("shell", "", List.of(), List.of(), false),
                    new Feature("ssh", "", List.of(), List.of(), true));
        }

        @Override
        public Reply install(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Reply uninstall(String name) {
            throw new UnsupportedOperationException();
        }
    }
}
