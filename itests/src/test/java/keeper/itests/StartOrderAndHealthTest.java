package keeper.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.itests.harness.EmbeddedRuntime;
import keeper.itests.harness.EventRecorder;
import keeper.itests.harness.Ports;
import keeper.itests.harness.Proc;
import keeper.itests.harness.ServerDir;

/** Issue 16: depends_on, ready probes, health checks and max_memory, on the real runtime with real processes. */
class StartOrderAndHealthTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    /**
     * Listens on 127.0.0.1:ARGV[0] after ARGV[1] seconds and answers every HTTP request 500 while the file ARGV[2]
     * exists, else 200.
     */
    private static final String SERVER = String.join("\n",
            "use IO::Socket::INET;",
            "my ($port, $late, $sick) = @ARGV;",
            "select(undef, undef, undef, $late);",
            "my $s = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => $port, Listen => 16, ReuseAddr => 1)",
            "    or die \"bind: $!\";",
            "while (my $c = $s->accept) {",
            "    while (my $line = <$c>) { last if $line =~ /^\\r?\\n$/ }",
            "    my $code = -e $sick ? 500 : 200;",
            "    print $c \"HTTP/1.1 $code X\\r\\nContent-Length: 0\\r\\nConnection: close\\r\\n\\r\\n\";",
            "    close $c;",
            "}");
    private static final Pattern PID = Pattern.compile("pid (\\d+)");

    @TempDir
    Path temp;

    @Test
    void webStartsOnlyAfterItsDatabaseOpensItsPortTwoSecondsLate() throws Exception {
        ServerDir dir = ServerDir.create(temp);
        int port = Ports.free();
        dir.child("db", server(port, 2, temp.resolve("never")) + "ready:\n  tcp: 127.0.0.1:" + port + "\n  timeout: 20\n");
        dir.sleeperChild("web", "depends_on: [db]\n");
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(dir.serverYml(), dir.stateDir(), "core", "shell");
                EventRecorder recorder = EventRecorder.subscribe(runtime, "keeper/child/*", event -> true)) {
            String reply = runtime.gogo("keeper:start web");

            assertTrue(reply.startsWith("db started (pid "), reply);
            assertTrue(reply.contains("\nweb started (pid "), reply);
            List<Map<String, Object>> events = recorder.events();
            long dbReady = sequence(events, "db", "RUNNING");
            assertTrue(((String) event(events, "db", "RUNNING").get("reason")).startsWith("ready: tcp 127.0.0.1:" + port),
                    events::toString);
            assertTrue(dbReady < sequence(events, "web", "STARTING"), "web started before db was ready: " + events);
            assertTrue(events.stream().anyMatch(event -> "keeper/child/health/READY".equals(event.get("topic"))
                    && "db".equals(event.get("name"))), events::toString);
            String status = runtime.gogo("keeper:status db");
            assertTrue(status.contains("ready: tcp 127.0.0.1:" + port + ": connected at "), status);
        } finally {
            Proc.killAll(dir.sleeper("web"));
            Proc.killAll(cmdline(port, 2, temp.resolve("never")));
        }
    }

    @Test
    void startAllStartsADiamondOnceEachInAValidOrderAndStopAllReversesIt() throws Exception {
        ServerDir dir = ServerDir.create(temp);
        dir.sleeperChild("a", "");
        dir.sleeperChild("b", "depends_on: [a]\n");
        dir.sleeperChild("c", "depends_on: [a]\n");
        dir.sleeperChild("d", "depends_on: [b, c]\n");
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(dir.serverYml(), dir.stateDir(), "core", "shell");
                EventRecorder recorder = EventRecorder.subscribe(runtime, "keeper/child/*", event -> true)) {
            runtime.gogo("keeper:start all");
            List<Map<String, Object>> events = recorder.events();
            for (String name : List.of("a", "b", "c", "d")) {
                assertEquals(1, events.stream().filter(event -> name.equals(event.get("name"))
                        && "STARTING".equals(event.get("state"))).count(), events::toString);
                assertEquals(1, Proc.pidsOf(dir.sleeper(name)).size(), name);
            }
            assertTrue(sequence(events, "a", "RUNNING") < sequence(events, "b", "STARTING"), events::toString);
            assertTrue(sequence(events, "a", "RUNNING") < sequence(events, "c", "STARTING"), events::toString);
            assertTrue(sequence(events, "b", "RUNNING") < sequence(events, "d", "STARTING"), events::toString);
            assertTrue(sequence(events, "c", "RUNNING") < sequence(events, "d", "STARTING"), events::toString);

            runtime.gogo("keeper:stop all");
            Awaitility.await("every STOPPED event").atMost(WITHIN).until(() -> recorder.events().stream()
                    .filter(event -> "STOPPED".equals(event.get("state"))).count() == 4);
            events = recorder.events();
            assertTrue(sequence(events, "d", "STOPPED") < sequence(events, "b", "STOPPING"), events::toString);
            assertTrue(sequence(events, "b", "STOPPED") < sequence(events, "a", "STOPPING"), events::toString);
            assertTrue(sequence(events, "c", "STOPPED") < sequence(events, "a", "STOPPING"), events::toString);
        } finally {
            for (String name : List.of("a", "b", "c", "d")) {
                Proc.killAll(dir.sleeper(name));
            }
        }
    }

    @Test
    void aChildWhoseHealthEndpointStartsFailingIsRestartedAfterItsFailures() throws Exception {
        ServerDir dir = ServerDir.create(temp);
        int port = Ports.free();
        Path sick = temp.resolve("sick");
        dir.child("api", server(port, 0, sick) + "ready:\n  http: http://127.0.0.1:" + port + "/healthz\n"
                + "health:\n  http: http://127.0.0.1:" + port + "/healthz\n  interval: 300ms\n  timeout: 2\n  failures: 3\n");
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(dir.serverYml(), dir.stateDir(), "core", "shell");
                EventRecorder recorder = EventRecorder.subscribe(runtime, "keeper/child/*",
                        event -> "api".equals(event.get("name")))) {
            long first = pid(runtime.gogo("keeper:start api"));
            Awaitility.await("healthy").atMost(WITHIN).until(() -> runtime.gogo("keeper:status api").contains("healthy"));

            Files.writeString(sick, "");
            String unhealthy = Awaitility.await("unhealthy").atMost(WITHIN).pollInterval(Duration.ofMillis(50))
                    .until(() -> runtime.gogo("keeper:status api"), status -> status.contains("unhealthy"));
            assertTrue(unhealthy.contains("answered 500"), unhealthy);
            Awaitility.await("the restart").atMost(WITHIN).until(() -> recorder.events().stream().anyMatch(
                    event -> "STOPPING".equals(event.get("state"))
                            && ((String) event.get("reason")).startsWith("unhealthy: 3 failed checks in a row")));
            Files.delete(sick);
            long restarted = Awaitility.await("running again as another process").atMost(WITHIN)
                    .until(() -> Proc.pidsOf(cmdline(port, 0.0, sick)), pids -> pids.size() == 1 && pids.get(0) != first)
                    .get(0);
            Proc.awaitDead(first, WITHIN);
            List<Map<String, Object>> events = recorder.events();
            assertEquals(1, events.stream().filter(event -> "keeper/child/health/UNHEALTHY".equals(event.get("topic")))
                    .findFirst().orElseThrow().get("failures"), "published once, at the first failed check");
            Awaitility.await("running and healthy again").atMost(WITHIN)
                    .until(() -> runtime.gogo("keeper:status api"), status -> status.contains(" " + restarted + " ")
                            && status.contains("healthy"));
        } finally {
            Proc.killAll(cmdline(port, 0.0, sick));
        }
    }

    @Test
    void aChildThatNeverBecomesReadyEndsFatal() throws Exception {
        ServerDir dir = ServerDir.create(temp);
        int port = Ports.free();
        dir.sleeperChild("db", "startretries: 2\nready:\n  tcp: 127.0.0.1:" + port + "\n  timeout: 700ms\n");
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(dir.serverYml(), dir.stateDir(), "core", "shell")) {
            EmbeddedRuntime.GogoException refused = assertThrows(EmbeddedRuntime.GogoException.class,
                    () -> runtime.gogo("keeper:start db"));
            assertTrue(refused.getMessage().contains("db never became ready: not ready within 700 ms: tcp 127.0.0.1:"
                    + port + ": connection refused (FATAL)"), refused.getMessage());
            String status = runtime.gogo("keeper:status db");
            assertTrue(status.lines().anyMatch(line -> line.startsWith("db ") && line.contains(" fatal ")), status);
            assertEquals(List.of(), Proc.pidsOf(dir.sleeper("db")));
        } finally {
            Proc.killAll(dir.sleeper("db"));
        }
    }

    @Test
    void maxMemoryRestartsAChildThatAllocatesPastItsLimit() throws Exception {
        ServerDir dir = ServerDir.create(temp);
        Path hog = Files.writeString(temp.resolve("hog.pl"), "my $x = 'x' x (64 * 1024 * 1024); sleep 300;\n");
        dir.child("hog", "command: perl " + hog + "\nmax_memory: 16MB\n"
                + "health:\n  exec: \"true\"\n  interval: 300ms\n");
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(dir.serverYml(), dir.stateDir(), "core", "shell");
                EventRecorder recorder = EventRecorder.subscribe(runtime, "keeper/child/*",
                        event -> "hog".equals(event.get("name")))) {
            long first = pid(runtime.gogo("keeper:start hog"));
            Awaitility.await("restarted for its memory").atMost(WITHIN).until(() -> recorder.events().stream()
                    .anyMatch(event -> "STOPPING".equals(event.get("state"))
                            && ((String) event.get("reason")).contains("above max_memory 16 MB for")));
            Proc.awaitDead(first, WITHIN);
            Awaitility.await("running as another process").atMost(WITHIN)
                    .until(() -> Proc.pidsOf("perl " + hog), pids -> pids.size() == 1 && pids.get(0) != first);
        } finally {
            Proc.killAll("perl " + hog);
        }
    }

    @Test
    void cyclesAndMissingDependenciesAreRefusedWithNothingStarted() throws Exception {
        ServerDir dir = ServerDir.create(temp);
        dir.sleeperChild("web", "depends_on: [api]\n");
        dir.sleeperChild("api", "depends_on: [web]\n");
        Path lone = dir.sleeperChild("lone", "depends_on:\n  - ghost\n");
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(dir.serverYml(), dir.stateDir(), "core", "shell")) {
            assertTrue(refusal(runtime, "keeper:start web").contains(
                    "web not started: depends_on goes round in a circle: web -> api -> web"));
            assertTrue(refusal(runtime, "keeper:start lone").contains(
                    lone + ":3: field 'depends_on[0]': no child 'ghost' in the load paths"));
            assertTrue(refusal(runtime, "keeper:start all").contains("nothing started: depends_on goes round in a circle"));
            for (String name : List.of("web", "api", "lone")) {
                assertEquals(List.of(), Proc.pidsOf(dir.sleeper(name)), name);
            }
        }
    }

    private static String refusal(EmbeddedRuntime runtime, String line) {
        return assertThrows(EmbeddedRuntime.GogoException.class, () -> runtime.gogo(line)).getMessage();
    }

    private String server(int port, double late, Path sick) throws Exception {
        Path script = temp.resolve("server.pl");
        Files.writeString(script, SERVER);
        return "command: perl " + script + " " + port + " " + late + " " + sick + "\nstop_timeout: 3\n";
    }

    private String cmdline(int port, double late, Path sick) {
        return "perl " + temp.resolve("server.pl") + " " + port + " " + late + " " + sick;
    }

    private static Map<String, Object> event(List<Map<String, Object>> events, String name, String state) {
        return events.stream().filter(event -> name.equals(event.get("name")) && state.equals(event.get("state")))
                .findFirst().orElseThrow(() -> new AssertionError(name + " " + state + " not in " + events));
    }

    private static long sequence(List<Map<String, Object>> events, String name, String state) {
        return (Long) event(events, name, state).get("sequence");
    }

    private static long pid(String reply) {
        Matcher matcher = PID.matcher(reply);
        assertTrue(matcher.find(), reply);
        return Long.parseLong(matcher.group(1));
    }
}
