package keeper.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.itests.harness.EmbeddedRuntime;
import keeper.itests.harness.HttpEndpoint;
import keeper.itests.harness.HttpEndpoint.Response;
import keeper.itests.harness.Proc;
import keeper.itests.harness.ServerDir;

/**
 * Issue 17: the metrics feature, hot-installed into a running server, serves /metrics that promtool
 * accepts and that follows a child's crash and restart; uninstalled, /metrics is gone; children keep their pids.
 */
class MetricsFeatureTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final List<String> CHILDREN = List.of("web", "db");

    @TempDir
    Path temp;

    private ServerDir dir;

    @AfterEach
    void stopChildren() {
        CHILDREN.forEach(name -> Proc.killAll(dir.sleeper(name)));
    }

    @Test
    void scrapePassesPromtoolAndFollowsACrashAndRestartWhileChildrenKeepTheirPids() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PROMTOOL), "promtool (Debian package prometheus) is not installed");
        dir = ServerDir.create(temp.resolve("server"), "http:\n  port: 0\n");
        dir.sleeperChild("web", "autorestart: always\n");
        dir.sleeperChild("db", "health:\n  exec: \"true\"\n  interval: 200ms\n");
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(dir.serverYml(), dir.stateDir(), "core", "shell")) {
            for (String name : CHILDREN) {
                runtime.gogo("keeper:start " + name);
            }
            Map<String, Long> pids = currentPids();

            runtime.gogo("keeper:feature-install metrics");
            String metrics = HttpEndpoint.await(runtime) + "/metrics";
            HttpResponse<String> response = Awaitility.await("/metrics").atMost(WITHIN)
                    .until(() -> HttpEndpoint.get(metrics), answer -> answer.statusCode() == 200);
            assertEquals("text/plain; version=0.0.4; charset=utf-8",
                    response.headers().firstValue("Content-Type").orElse(""));
            promtoolAccepts(response.body());
            Map<String, Double> before = samples(response.body());
            assertEquals(1.0, before.get("keeper_child_state{child=\"web\",state=\"RUNNING\"}"), response.body());
            assertEquals(0.0, before.get("keeper_child_restarts_total{child=\"web\"}"));
            assertEquals(1.0, before.get("keeper_child_processes{child=\"db\"}"));
            assertTrue(before.get("keeper_child_resident_memory_bytes{child=\"db\"}") > 0, response.body());
            assertEquals(pids, currentPids(), "installing metrics (and http with it) disturbs no child");
            Awaitility.await("db's health check to pass").atMost(WITHIN).until(() -> samples(HttpEndpoint.get(metrics).body())
                    .get("keeper_child_health{child=\"db\",condition=\"HEALTHY\"}"), Double.valueOf(1.0)::equals);
            assertEquals(1.0, before.get("keeper_child_health{child=\"web\",condition=\"NONE\"}"), "web has no probes");

            Proc.kill9(pids.get("web"));
            long restarted = Awaitility.await("web restarted").atMost(WITHIN)
                    .until(() -> Proc.pidsOf(dir.sleeper("web")), found -> found.size() == 1
                            && !found.get(0).equals(pids.get("web"))).get(0);
            // events reach the metrics on Event Admin's thread: wait for the restart's and its spawn's
            Map<String, Double> after = Awaitility.await("the scrape to show the restart and its spawn").atMost(WITHIN)
                    .until(() -> samples(HttpEndpoint.get(metrics).body()),
                            now -> Double.valueOf(1.0).equals(now.get("keeper_child_restarts_total{child=\"web\"}"))
                                    && Double.valueOf(1.0).equals(now.get("keeper_child_state{child=\"web\",state=\"RUNNING\"}"))
                                    && Double.valueOf(1.0).equals(now.get("keeper_spawn_duration_seconds_count")));
            assertTrue(after.get("keeper_child_start_time_seconds{child=\"web\"}")
                    > before.get("keeper_child_start_time_seconds{child=\"web\"}"), "a new process, a new start time");
            assertEquals(137.0, after.get("keeper_child_last_exit_code{child=\"web\"}"), "128 + SIGKILL");
            assertEquals(before.get("keeper_child_start_time_seconds{child=\"db\"}"),
                    after.get("keeper_child_start_time_seconds{child=\"db\"}"));
            assertTrue(after.getOrDefault("keeper_requests_total{command=\"start\",outcome=\"ok\"}", 0.0) == 0.0,
                    "the starts came before the feature: its counters begin when it does");
            runtime.gogo("keeper:status");
            // Event Admin delivers the dispatcher's keeper/request event on its own thread, soon after the reply
            Awaitility.await("the status request counted").atMost(WITHIN).until(() -> samples(HttpEndpoint.get(metrics).body())
                    .get("keeper_requests_total{command=\"status\",outcome=\"ok\"}"), Double.valueOf(1.0)::equals);
            promtoolAccepts(HttpEndpoint.get(metrics).body());

            runtime.gogo("keeper:feature-uninstall metrics");
            Awaitility.await("/metrics gone").atMost(WITHIN).until(() -> gone(metrics));
            Map<String, Long> now = currentPids();
            assertEquals(pids.get("db"), now.get("db"));
            assertEquals(restarted, now.get("web"), "uninstalling disturbs no child");
        }
    }

    @Test
    void beyondLoopbackAScrapeNeedsABearerToken() throws Exception {
        dir = ServerDir.create(temp.resolve("server"), "http:\n  listener_addr: 0.0.0.0\n  port: 0\n");
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(dir.serverYml(), dir.stateDir(), "core", "shell")) {
            runtime.gogo("keeper:feature-install metrics");
            int port = HttpEndpoint.awaitPort(runtime);
            String host = "127.0.0.1:" + port;
            String bearer = "Authorization: Bearer " + HttpEndpoint.token(dir.stateDir()) + "\r\n";

            Response scrape = Awaitility.await("/metrics").atMost(WITHIN)
                    .until(() -> HttpEndpoint.request(port, host, "GET", "/metrics", bearer), answer -> answer.status() == 200);
            assertTrue(scrape.body().contains("# TYPE keeper_spawn_duration_seconds histogram"), scrape.toString());
            Response refused = HttpEndpoint.request(port, host, "GET", "/metrics", "");
            assertEquals(401, refused.status(), refused.toString());
            assertFalse(refused.body().contains("keeper_"), "an unauthenticated scrape learns nothing: " + refused);
        }
    }

    private static boolean gone(String url) {
        try {
            return HttpEndpoint.get(url).statusCode() == 404;
        } catch (Exception e) {
            return true; // the port closed with the http feature
        }
    }

    private void promtoolAccepts(String text) throws Exception {
        Path scrape = Files.writeString(temp.resolve("scrape.txt"), text);
        Process check = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics")
                .redirectInput(scrape.toFile()).redirectErrorStream(true).start();
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, check.waitFor(), "promtool check metrics: " + said + "\n" + text);
    }

    /** Every sample line by its name and labels. */
    private static Map<String, Double> samples(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
    }

    private Map<String, Long> currentPids() {
        Map<String, Long> pids = new HashMap<>();
        CHILDREN.forEach(name -> pids.put(name, Proc.awaitSingle(dir.sleeper(name), WITHIN)));
        return pids;
    }
}
