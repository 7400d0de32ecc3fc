package keeper.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

import keeper.itests.harness.EmbeddedRuntime;
import keeper.itests.harness.EventRecorder;
import keeper.itests.harness.Proc;
import keeper.itests.harness.ServerDir;

/** Issue 12: the child state machine as status shows it and as Event Admin publishes it, on real processes. */
class ChildStatesTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final Pattern PID = Pattern.compile("pid (\\d+)");

    @TempDir
    Path temp;

    @Test
    void statusShowsStoppingDuringASlowStopBackoffBetweenQuickFailuresAndFatalAfterCheck() throws Exception {
        ServerDir dir = ServerDir.create(temp);
        Path ready = temp.resolve("slow-ready");
        dir.child("slow", "command: \"trap 'sleep 2; exit 0' TERM; echo > " + ready + "; while :; do sleep 0.1; done\"\n"
                + "shell: true\nstop_timeout: 15\n");
        dir.child("crashy", "command: \"exit 3\"\nshell: true\nautorestart: always\nstartretries: 5\n");
        long slow = 0;
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(dir.serverYml(), dir.stateDir(), "core", "shell")) {
            slow = pid(runtime.gogo("keeper:start slow"));
            Awaitility.await("the slow child's TERM trap").atMost(WITHIN).until(() -> Files.exists(ready));
            CompletableFuture<String> stop = CompletableFuture.supplyAsync(() -> gogo(runtime, "keeper:stop slow"));
            Awaitility.await("status STOPPING").atMost(WITHIN)
                    .until(() -> stateOf(runtime, "slow"), state -> state.equals("stopping"));
            assertTrue(Proc.alive(slow), "the process still runs while its stop is under way");
            assertTrue(stop.join().startsWith("slow stopped (pid " + slow + ", SIGTERM"), stop.join());
            assertEquals("stopped", stateOf(runtime, "slow"));
            Proc.awaitDead(slow, WITHIN);

            runtime.gogo("keeper:start crashy");
            Awaitility.await("status BACKOFF").atMost(WITHIN).pollInterval(Duration.ofMillis(20))
                    .until(() -> stateOf(runtime, "crashy"), state -> state.equals("backoff"));
            Awaitility.await("status FATAL").atMost(WITHIN)
                    .until(() -> stateOf(runtime, "crashy"), state -> state.equals("fatal"));
            runtime.gogo("keeper:check");
            String status = runtime.gogo("keeper:status crashy");
            assertEquals("fatal", stateIn(status, "crashy"), status);
            // NAME STATE PID RESTARTS EXIT HEALTH
            assertTrue(status.lines().anyMatch(line -> line.startsWith("crashy") && line.strip().split("\\s+")[4].equals("3")),
                    "the last exit code stays: " + status);
        } finally {
            Proc.kill9(slow);
        }
    }

    @Test
    void eventsFollowARealChildThroughStartExitRestartAndStop() throws Exception {
        ServerDir dir = ServerDir.create(temp);
        dir.sleeperChild("bouncy", "autorestart: always\nstartretries: 100\n");
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(dir.serverYml(), dir.stateDir(), "core", "shell")) {
            EventRecorder recorder = EventRecorder.subscribe(runtime, "keeper/child/*",
                    event -> "bouncy".equals(event.get("name")));
            List<Map<String, Object>> events = recorder.events();
            try {
                long first = pid(runtime.gogo("keeper:start bouncy"));
                assertEquals(dir.sleeper("bouncy"), Proc.cmdline(first));
                Proc.kill9(first);
                long second = Awaitility.await("restart").atMost(WITHIN)
                        .until(() -> Proc.pidsOf(dir.sleeper("bouncy")), pids -> pids.size() == 1 && pids.get(0) != first)
                        .get(0);
                Awaitility.await("RUNNING after the restart").atMost(WITHIN).until(() -> states(events).size() >= 5);
                runtime.gogo("keeper:stop bouncy");
                Proc.awaitDead(second, WITHIN);
                Awaitility.await("STOPPED event").atMost(WITHIN).until(() -> states(events).contains("STOPPED"));

                assertEquals(List.of("STARTING", "RUNNING", "BACKOFF", "STARTING", "RUNNING", "STOPPING", "STOPPED"),
                        states(events), events::toString);
                assertEquals(List.of(0L, first, first, 0L, second, second, second),
                        events.stream().map(event -> event.get("pid")).toList(), events::toString);
                assertEquals(128 + 9, events.get(2).get("exitCode"), "BACKOFF carries the exit by SIGKILL");
                assertEquals(128 + 15, events.get(6).get("exitCode"), "STOPPED carries the exit by SIGTERM");
                for (int i = 1; i < events.size(); i++) {
                    assertEquals(events.get(i - 1).get("state"), events.get(i).get("previous"), events::toString);
                    assertTrue((Long) events.get(i).get("sequence") > (Long) events.get(i - 1).get("sequence"));
                    assertEquals("keeper/child/" + events.get(i).get("state"), events.get(i).get("topic"));
                }
            } finally {
                recorder.close();
            }
        } finally {
            Proc.killAll(dir.sleeper("bouncy"));
        }
    }

    @Test
    void withoutEventAdminTheEngineWorksTheSame() throws Exception {
        ServerDir dir = ServerDir.create(temp);
        dir.sleeperChild("quiet", "");
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(dir.serverYml(), dir.stateDir(), "core", "shell")) {
            bundle(runtime, "org.apache.felix.eventadmin").stop();
            long pid = pid(runtime.gogo("keeper:start quiet"));
            assertEquals(dir.sleeper("quiet"), Proc.cmdline(pid));
            assertEquals("running", stateOf(runtime, "quiet"));
            runtime.gogo("keeper:stop quiet");
            Proc.awaitDead(pid, WITHIN);
            assertEquals(Bundle.ACTIVE, bundle(runtime, "keeper.process").getState());
            assertEquals(List.of(), runtime.componentProblems().stream()
                    .filter(problem -> !problem.startsWith("keeper.process.internal.EventAdminPublisher")).toList());
        } finally {
            Proc.killAll(dir.sleeper("quiet"));
        }
    }

    private static Bundle bundle(EmbeddedRuntime runtime, String symbolicName) {
        return List.of(runtime.context().getBundles()).stream()
                .filter(bundle -> symbolicName.equals(bundle.getSymbolicName())).findFirst().orElseThrow();
    }

    private static List<String> states(List<Map<String, Object>> events) {
        List<String> states = new ArrayList<>();
        events.forEach(event -> states.add((String) event.get("state")));
        return states;
    }

    private static String stateOf(EmbeddedRuntime runtime, String child) {
        return stateIn(gogo(runtime, "keeper:status " + child), child);
    }

    /** The STATE column of {@code child}'s row in a status table. */
    private static String stateIn(String status, String child) {
        return status.lines().filter(line -> line.startsWith(child + " ")).findFirst()
                .map(line -> line.trim().split("\\s+")[1]).orElse("(no row: " + status + ")");
    }

    private static String gogo(EmbeddedRuntime runtime, String line) {
        try {
            return runtime.gogo(line);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long pid(String reply) {
        Matcher matcher = PID.matcher(reply);
        assertTrue(matcher.find(), reply);
        return Long.parseLong(matcher.group(1));
    }
}
