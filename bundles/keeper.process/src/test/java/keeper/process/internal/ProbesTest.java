package keeper.process.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import keeper.api.AutoRestart;
import keeper.api.ChildState;
import keeper.api.ChildStatus;
import keeper.api.Health;
import keeper.api.HealthCheck;
import keeper.api.Outcome;
import keeper.api.Probe;
import keeper.api.Probes;
import keeper.api.Refusal.Reason;

/** depends_on, ready probes, health checks and max_memory with real processes and loopback sockets. */
class ProbesTest extends SupervisorTestBase {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    /** Listens on 127.0.0.1:ARGV[0] after ARGV[1] seconds; answers HTTP 500 while the file ARGV[2] exists, else 200. */
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

    private final List<Transition> transitions = new CopyOnWriteArrayList<>();

    @Test
    void aChildStartsOnlyOnceItsDependencyIsReady() throws Exception {
        int port = freePort();
        config.put(server("db", port, 1.5, dir.resolve("no-such-file"))
                .probes(new Probes(List.of(), tcp(port, Duration.ofSeconds(15)), null, 0)));
        config.put(SpecBuilder.sleeper(config, "web").dependsOn("db"));
        ProcessSupervisor supervisor = watched();

        Outcome started = ok(supervisor.start("web"));

        assertEquals("db", started.hooks().get(0).child(), started::toString);
        long dbReady = sequence("db", ChildState.STARTING, ChildState.RUNNING);
        long webStarting = sequence("web", ChildState.STOPPED, ChildState.STARTING);
        assertTrue(dbReady < webStarting, transitions::toString);
        assertTrue(reason("db", ChildState.RUNNING).startsWith("ready: tcp 127.0.0.1:" + port), transitions::toString);
        ChildStatus db = statusOf(supervisor, "db");
        assertEquals(Health.Condition.READY, db.health().condition());
    }

    @Test
    void startAllStartsADiamondOnceEachInDependencyOrder() {
        config.put(SpecBuilder.shell(config, "a", "echo up; exec sleep 300")
                .probes(new Probes(List.of(), new Probe(Probe.Kind.LOG, "^up$", List.of(), Duration.ofSeconds(10)),
                        null, 0)));
        config.put(SpecBuilder.sleeper(config, "b").dependsOn("a"));
        config.put(SpecBuilder.sleeper(config, "c").dependsOn("a"));
        config.put(SpecBuilder.sleeper(config, "d").dependsOn("b", "c"));
        ProcessSupervisor supervisor = watched();

        Outcome all = ok(supervisor.startAll());

        assertEquals(4, all.children().size(), all::toString);
        for (String name : List.of("a", "b", "c", "d")) {
            assertEquals(1, transitions.stream().filter(t -> t.name().equals(name) && t.state() == ChildState.STARTING)
                    .count(), transitions::toString);
        }
        assertTrue(sequence("a", ChildState.STARTING, ChildState.RUNNING) < sequence("b", ChildState.STOPPED,
                ChildState.STARTING), transitions::toString);
        assertTrue(sequence("a", ChildState.STARTING, ChildState.RUNNING) < sequence("c", ChildState.STOPPED,
                ChildState.STARTING), transitions::toString);
        long dStarting = sequence("d", ChildState.STOPPED, ChildState.STARTING);
        assertTrue(sequence("b", ChildState.STARTING, ChildState.RUNNING) < dStarting, transitions::toString);
        assertTrue(sequence("c", ChildState.STARTING, ChildState.RUNNING) < dStarting, transitions::toString);

        ok(supervisor.stopAll());
        long dStopped = sequence("d", ChildState.STOPPING, ChildState.STOPPED);
        assertTrue(dStopped < sequence("b", ChildState.RUNNING, ChildState.STOPPING), transitions::toString);
        assertTrue(sequence("b", ChildState.STOPPING, ChildState.STOPPED)
                < sequence("a", ChildState.RUNNING, ChildState.STOPPING), transitions::toString);
    }

    @Test
    void aChildNeverReadyIsRetriedThenFatalAndItsProcessesAreGone() throws Exception {
        int port = freePort();
        config.put(SpecBuilder.sleeper(config, "db").autoRestart(AutoRestart.NEVER, 2)
                .stopTimeout(Duration.ofSeconds(2))
                .probes(new Probes(List.of(), tcp(port, Duration.ofMillis(600)), null, 0)));
        config.put(SpecBuilder.sleeper(config, "web").dependsOn("db"));
        ProcessSupervisor supervisor = watched();

        Outcome web = supervisor.start("web");

        assertEquals("db", refused(web, Reason.DEPENDENCY_FAILED));
        assertTrue(refused(web.hooks().get(0), Reason.NOT_READY).contains("connection refused"), web::toString);
        ChildStatus db = statusOf(supervisor, "db");
        assertEquals(ChildState.FATAL, db.state());
        assertTrue(db.health().detail().contains("connection refused"), db::toString);
        assertEquals(2, transitions.stream().filter(t -> t.name().equals("db") && t.state() == ChildState.STARTING)
                .count(), transitions::toString);
        assertTrue(transitions.stream().noneMatch(t -> t.name().equals("web")), transitions::toString);
        assertTrue(gone(db.pid()));
    }

    @Test
    void cyclesAndUnknownDependenciesAreRefusedBeforeAnythingStarts() {
        config.put(SpecBuilder.sleeper(config, "web").dependsOn("api"));
        config.put(SpecBuilder.sleeper(config, "api").dependsOn("web"));
        config.put(SpecBuilder.sleeper(config, "lone").dependsOn("ghost"));
        ProcessSupervisor supervisor = watched();

        assertEquals("web -> api -> web", refused(supervisor.start("web"), Reason.DEPENDENCY_CYCLE));
        assertEquals("lone -> ghost", refused(supervisor.start("lone"), Reason.UNKNOWN_DEPENDENCY));
        refused(supervisor.startAll(), Reason.DEPENDENCY_CYCLE);

        assertTrue(transitions.isEmpty(), transitions::toString);
    }

    @Test
    void aChildWhoseHealthEndpointFailsIsRestartedAfterItsFailures() throws Exception {
        int port = freePort();
        Path sick = dir.resolve("sick");
        HealthCheck check = new HealthCheck(new Probe(Probe.Kind.HTTP, "http://127.0.0.1:" + port + "/healthz",
                List.of(), Duration.ofSeconds(2)), Duration.ofMillis(200), 2);
        config.put(server("web", port, 0, sick).probes(new Probes(List.of(), tcp(port, Duration.ofSeconds(10)), check, 0)));
        ProcessSupervisor supervisor = watched();
        long first = ok(supervisor.start("web")).pid();
        await().atMost(DEADLINE).until(() -> statusOf(supervisor, "web").health().condition() == Health.Condition.HEALTHY);

        Files.writeString(sick, "");
        await().atMost(DEADLINE).until(() -> statusOf(supervisor, "web").health().condition()
                == Health.Condition.UNHEALTHY);
        ChildStatus unhealthy = statusOf(supervisor, "web");
        assertTrue(unhealthy.health().detail().contains("answered 500"), unhealthy::toString);
        await().atMost(DEADLINE).until(() -> transitions.stream().anyMatch(t -> t.name().equals("web")
                && t.state() == ChildState.STOPPING && t.reason().startsWith("unhealthy: 2 failed checks")));
        Files.delete(sick);

        ChildStatus restarted = await().atMost(DEADLINE).until(() -> statusOf(supervisor, "web"),
                status -> status.state() == ChildState.RUNNING && status.pid() != first
                        && status.health().condition() == Health.Condition.HEALTHY);
        assertTrue(restarted.restarts() >= 1, restarted::toString);
        assertTrue(gone(first));
    }

    @Test
    void maxMemoryRestartsAChildWhoseTreeStaysAboveIt() {
        HealthCheck everyFewMillis = new HealthCheck(new Probe(Probe.Kind.EXEC, "true", List.of("true"),
                Duration.ofSeconds(2)), Duration.ofMillis(300), 3);
        config.put(SpecBuilder.child(config, "hog", "perl", "-e", "$x = 'x' x (64 * 1024 * 1024); sleep 300")
                .probes(new Probes(List.of(), null, everyFewMillis, 16L << 20)));
        ProcessSupervisor supervisor = watched();
        long first = ok(supervisor.start("hog")).pid();

        await().atMost(DEADLINE).until(() -> transitions.stream().anyMatch(t -> t.name().equals("hog")
                && t.state() == ChildState.STOPPING && t.reason().contains("above max_memory 16 MB")));
        await().atMost(DEADLINE).until(() -> statusOf(supervisor, "hog").pid() != first);
        assertTrue(gone(first));
    }

    private ProcessSupervisor watched() {
        ProcessSupervisor supervisor = newSupervisor();
        supervisor.subscribe(transitions::add);
        return supervisor;
    }

    private SpecBuilder server(String name, int port, double late, Path sick) throws IOException {
        Path script = Files.writeString(dir.resolve(name + "-server.pl"), SERVER);
        return SpecBuilder.child(config, name, "perl", script.toString(), Integer.toString(port), Double.toString(late),
                sick.toString()).stopTimeout(Duration.ofSeconds(2));
    }

    private static Probe tcp(int port, Duration timeout) {
        return new Probe(Probe.Kind.TCP, "127.0.0.1:" + port, List.of(), timeout);
    }

    /** A port nothing listens on now: the kernel's pick for port 0, released again. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private long sequence(String name, ChildState from, ChildState to) {
        return transitions.stream().filter(t -> t.name().equals(name) && t.previous() == from && t.state() == to)
                .mapToLong(Transition::sequence).findFirst()
                .orElseThrow(() -> new AssertionError(name + " " + from + " -> " + to + " not in " + transitions));
    }

    private String reason(String name, ChildState to) {
        return transitions.stream().filter(t -> t.name().equals(name) && t.state() == to).map(Transition::reason)
                .findFirst().orElseThrow();
    }

    private static ChildStatus statusOf(ProcessSupervisor supervisor, String name) {
        return supervisor.status().stream().filter(status -> status.name().equals(name)).findFirst().orElseThrow();
    }
}
