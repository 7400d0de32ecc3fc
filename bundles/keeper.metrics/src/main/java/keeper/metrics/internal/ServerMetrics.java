package keeper.metrics.internal;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * The server's own counters, fed by events: requests by command and outcome (keeper.command's
 * {@code keeper/request}), authentication refusals, and how long spawns take ({@code spawnNanos} on a
 * child's move out of STARTING).
 */
final class ServerMetrics {

    /** From a fork of a small binary (a few ms) to a slow start on a loaded machine. */
    private static final double[] SPAWN_BOUNDS = { 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5 };

    private final Counter requests;
    private final Counter refusals;
    private final Histogram spawns;

    ServerMetrics(PrometheusRegistry registry) {
        requests = Counter.builder().name("keeper_requests")
                .help("Requests answered, by command word (unknown, invalid for others) and outcome (ok, error, refused)")
                .labelNames("command", "outcome").withoutExemplars().register(registry);
        refusals = Counter.builder().name("keeper_auth_refusals")
                .help("Requests refused because authentication failed, by transport")
                .labelNames("transport").withoutExemplars().register(registry);
        spawns = Histogram.builder().name("keeper_spawn_duration_seconds").unit(Unit.SECONDS)
                .help("How long making a child's process took, from the start of the spawn to the process existing")
                .classicOnly().classicUpperBounds(SPAWN_BOUNDS).withoutExemplars().register(registry);
    }

    void answered(String command, String outcome, String transport) {
        requests.labelValues(command, outcome).inc();
        if ("refused".equals(outcome)) {
            refusals.labelValues(transport).inc();
        }
    }

    void spawned(long nanos) {
        spawns.observe(nanos / 1e9);
    }
}
