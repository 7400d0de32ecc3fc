package keeper.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

import keeper.api.ChildState;
import keeper.api.ChildStatus;
import keeper.api.Health;
import keeper.api.Outcome;
import keeper.api.ServerInfo;
import keeper.api.Supervisor;
import keeper.api.TreeUsage;

class KeeperMetricsTest {

    private final List<ChildStatus> children = new ArrayList<>();
    private final List<TreeUsage> usage = new ArrayList<>();
    private final KeeperMetrics metrics = new KeeperMetrics(new StatusOnly(), () -> List.copyOf(usage));

    @Test
    void eachChildHasItsStateUptimeExitCodeAndTreeUsage() throws IOException {
        Instant started = Instant.now().minusSeconds(90);
        children.add(new ChildStatus("api", ChildState.RUNNING, 4242, started, 1, 0, null));
        children.add(new ChildStatus("batch", ChildState.EXITED, 77, Instant.now().minusSeconds(10), 3, 0, null));
        children.add(new ChildStatus("db", ChildState.RUNNING, 4300, Instant.now(), null, 0, null,
                new Health(Health.Condition.UNHEALTHY, "tcp 127.0.0.1:5432: connection refused", Instant.now(), 2)));
        usage.add(new TreeUsage("api", 4242, 3, 12_345_678, Duration.ofMillis(2_500)));

        Map<String, Double> samples = scrape();

        assertEquals(1.0, samples.get("keeper_child_state{child=\"api\",state=\"RUNNING\"}"));
        assertEquals(0.0, samples.get("keeper_child_state{child=\"api\",state=\"STOPPED\"}"));
        assertEquals(1.0, samples.get("keeper_child_state{child=\"batch\",state=\"EXITED\"}"));
        assertTrue(samples.get("keeper_child_uptime_seconds{child=\"api\"}") >= 90);
        assertFalse(samples.containsKey("keeper_child_uptime_seconds{child=\"batch\"}"), "no process, no uptime");
        assertEquals(started.toEpochMilli() / 1000.0, samples.get("keeper_child_start_time_seconds{child=\"api\"}"));
        assertEquals(3.0, samples.get("keeper_child_last_exit_code{child=\"batch\"}"));
        assertEquals(3.0, samples.get("keeper_child_processes{child=\"api\"}"));
        assertEquals(12_345_678.0, samples.get("keeper_child_resident_memory_bytes{child=\"api\"}"));
        assertEquals(2.5, samples.get("keeper_child_cpu_seconds_total{child=\"api\"}"));
        assertEquals(0.0, samples.get("keeper_child_restarts_total{child=\"api\"}"));
        assertEquals(1.0, samples.get("keeper_child_health{child=\"api\",condition=\"NONE\"}"), "no probes");
        assertEquals(1.0, samples.get("keeper_child_health{child=\"db\",condition=\"UNHEALTHY\"}"));
        assertEquals(0.0, samples.get("keeper_child_health{child=\"db\",condition=\"HEALTHY\"}"));
        assertEquals(2.0, samples.get("keeper_child_health_failures{child=\"db\"}"));
    }

    @Test
    void onlyAMoveFromBackoffToStartingCountsAsARestart() throws IOException {
        children.add(new ChildStatus("api", ChildState.RUNNING, 4242, Instant.now(), null, 2, null));

        metrics.handleEvent(moved("api", "STOPPED", "STARTING"));
        metrics.handleEvent(moved("api", "RUNNING", "BACKOFF"));
        metrics.handleEvent(moved("api", "BACKOFF", "STARTING"));
        metrics.handleEvent(moved("api", "BACKOFF", "STARTING"));

        assertEquals(2.0, scrape().get("keeper_child_restarts_total{child=\"api\"}"));
    }

    @Test
    void theLastExitCodeOutlivesTheRestartThatClearsItFromTheStatus() throws IOException {
        children.add(new ChildStatus("api", ChildState.RUNNING, 4243, Instant.now(), null, 1, null));
        Map<String, Object> exited = new HashMap<>(Map.of("name", "api", "previous", "RUNNING", "state", "BACKOFF"));
        exited.put("exitCode", 137);
        metrics.handleEvent(new Event("keeper/child/BACKOFF", exited));

        assertEquals(137.0, scrape().get("keeper_child_last_exit_code{child=\"api\"}"));
    }

    @Test
    void requestsRefusalsAndSpawnTimesComeFromEvents() throws IOException {
        metrics.handleEvent(request("status", "ok", "tcp"));
        metrics.handleEvent(request("status", "ok", "uds"));
        metrics.handleEvent(request("stop", "refused", "tcp"));
        Map<String, Object> spawn = new HashMap<>(Map.of("name", "api", "previous", "STARTING", "state", "RUNNING"));
        spawn.put("spawnNanos", 3_000_000L);
        metrics.handleEvent(new Event("keeper/child/RUNNING", spawn));

        Map<String, Double> samples = scrape();

        assertEquals(2.0, samples.get("keeper_requests_total{command=\"status\",outcome=\"ok\"}"));
        assertEquals(1.0, samples.get("keeper_requests_total{command=\"stop\",outcome=\"refused\"}"));
        assertEquals(1.0, samples.get("keeper_auth_refusals_total{transport=\"tcp\"}"));
        assertEquals(0.0, samples.get("keeper_spawn_duration_seconds_bucket{le=\"0.0025\"}"));
        assertEquals(1.0, samples.get("keeper_spawn_duration_seconds_bucket{le=\"0.005\"}"));
        assertEquals(1.0, samples.get("keeper_spawn_duration_seconds_count"));
    }

    @Test
    void promtoolAcceptsTheText(@TempDir Path dir) throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        Assumptions.assumeTrue(Files.isExecutable(promtool), "promtool (Debian package prometheus) is not installed");
        children.add(new ChildStatus("api", ChildState.RUNNING, 4242, Instant.now(), 1, 0, null));
        usage.add(new TreeUsage("api", 4242, 1, 4096, Duration.ZERO));
        metrics.handleEvent(request("status", "ok", "tcp"));
        Path text = dir.resolve("metrics.txt");
        Files.writeString(text, text());

        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics")
                .redirectInput(text.toFile()).redirectErrorStream(true).start();
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, check.waitFor(), said);
    }

    private String text() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.write(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Every sample line of the text, by its name and labels. */
    private Map<String, Double> scrape() throws IOException {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
    }

    private static Event moved(String name, String previous, String state) {
        return new Event("keeper/child/" + state, Map.of("name", name, "previous", previous, "state", state));
    }

    private static Event request(String command, String outcome, String transport) {
        return new Event("keeper/request", Map.of("command", command, "outcome", outcome, "transport", transport));
    }

    /** A supervisor that only answers {@link #status()}. */
    private final class StatusOnly implements Supervisor {
        @Override
        public List<ChildStatus> status() {
            return List.copyOf(children);
        }

        @Override
        public Outcome start(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Outcome restart(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Outcome tryStart(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Outcome stop(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Outcome startAll() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Outcome stopAll() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ChildStatus> check(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ServerInfo info() {
            throw new UnsupportedOperationException();
        }
    }
}
