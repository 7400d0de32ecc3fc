package keeper.metrics.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import keeper.api.ChildState;
import keeper.api.ChildStatus;
import keeper.api.Health;
import keeper.api.ResourceMeter;
import keeper.api.Supervisor;
import keeper.api.TreeUsage;

/**
 * The per-child metrics, read at scrape time from the supervisor's status and one {@link ResourceMeter}
 * scan of /proc, so nothing is sampled between scrapes. Two facts come from the engine's events instead,
 * because the status forgets them: restarts (a move from BACKOFF to STARTING; the status's count starts
 * again at every start by command) and the last exit code once a new process runs.
 */
final class ChildFacts implements MultiCollector {

    private final Supervisor supervisor;
    private final ResourceMeter meter;
    private final Map<String, LongAdder> restarts = new ConcurrentHashMap<>();
    private final Map<String, Integer> lastExits = new ConcurrentHashMap<>();

    ChildFacts(Supervisor supervisor, ResourceMeter meter) {
        this.supervisor = supervisor;
        this.meter = meter;
    }

    /** A child moved from {@code previous} to {@code state}; {@code exitCode} is its last one, or null. */
    void moved(String name, String previous, String state, Integer exitCode) {
        if (exitCode != null) {
            lastExits.put(name, exitCode);
        }
        if (ChildState.BACKOFF.name().equals(previous) && ChildState.STARTING.name().equals(state)) {
            restarts.computeIfAbsent(name, child -> new LongAdder()).increment();
        }
    }

    @Override
    public MetricSnapshots collect() {
        Map<String, TreeUsage> usage = meter.measure().stream()
                .collect(Collectors.toMap(TreeUsage::name, Function.identity()));
        Instant now = Instant.now();
        Families families = new Families();
        for (ChildStatus child : supervisor.status()) {
            Labels labels = Labels.of("child", child.name());
            families.add(child, labels, now);
            LongAdder count = restarts.get(child.name());
            families.restarts.dataPoint(counter(labels, count == null ? 0 : count.sum()));
            Integer lastExit = child.exitCode() != null ? child.exitCode() : lastExits.get(child.name());
            if (lastExit != null) {
                families.exitCode.dataPoint(gauge(labels, lastExit));
            }
            TreeUsage tree = usage.get(child.name());
            if (tree != null) {
                families.add(tree, labels);
            }
        }
        return families.build();
    }

    /** One scrape's metric families, filled child by child. */
    private static final class Families {
        private final GaugeSnapshot.Builder state = GaugeSnapshot.builder().name("keeper_child_state")
                .help("1 for the state the child is in, 0 for the others");
        private final CounterSnapshot.Builder restarts = CounterSnapshot.builder().name("keeper_child_restarts")
                .help("Automatic restarts (exit, then restart by policy) since the metrics feature started");
        private final GaugeSnapshot.Builder uptime = GaugeSnapshot.builder().name("keeper_child_uptime_seconds")
                .unit(Unit.SECONDS).help("How long the child's current process has run");
        private final GaugeSnapshot.Builder startTime = GaugeSnapshot.builder().name("keeper_child_start_time_seconds")
                .unit(Unit.SECONDS).help("When the child's current process started, in seconds since the epoch");
        private final GaugeSnapshot.Builder exitCode = GaugeSnapshot.builder().name("keeper_child_last_exit_code")
                .help("The child's last exit code (128 + signal for a death by signal), when known");
        private final GaugeSnapshot.Builder health = GaugeSnapshot.builder().name("keeper_child_health")
                .help("1 for what the child's probes last said (NONE without probes), 0 for the other conditions");
        private final GaugeSnapshot.Builder healthFailures = GaugeSnapshot.builder().name("keeper_child_health_failures")
                .help("Failed health checks in a row; 0 after a passed one");
        private final GaugeSnapshot.Builder processes = GaugeSnapshot.builder().name("keeper_child_processes")
                .help("Processes in the child's tree (its own, its group, its descendants, marked ones)");
        private final GaugeSnapshot.Builder resident = GaugeSnapshot.builder().name("keeper_child_resident_memory_bytes")
                .unit(Unit.BYTES).help("Resident set size of the child's process tree, added up");
        private final CounterSnapshot.Builder cpu = CounterSnapshot.builder().name("keeper_child_cpu_seconds")
                .unit(Unit.SECONDS).help("User and system CPU time of the processes now in the child's tree");

        /** What the status says of {@code child}: its state, health, and its process's age. */
        void add(ChildStatus child, Labels labels, Instant now) {
            for (ChildState each : ChildState.values()) {
                state.dataPoint(gauge(labels.add("state", each.name()), each == child.state() ? 1 : 0));
            }
            for (Health.Condition each : Health.Condition.values()) {
                health.dataPoint(gauge(labels.add("condition", each.name()), each == child.health().condition() ? 1 : 0));
            }
            healthFailures.dataPoint(gauge(labels, child.health().failures()));
            if (child.state().hasProcess() && child.startedAt() != null) {
                uptime.dataPoint(gauge(labels, Duration.between(child.startedAt(), now).toMillis() / 1000.0));
                startTime.dataPoint(gauge(labels, child.startedAt().toEpochMilli() / 1000.0));
            }
        }

        /** What /proc says of the child's process tree. */
        void add(TreeUsage tree, Labels labels) {
            processes.dataPoint(gauge(labels, tree.processes()));
            resident.dataPoint(gauge(labels, tree.residentBytes()));
            cpu.dataPoint(counter(labels, tree.cpu().toMillis() / 1000.0));
        }

        MetricSnapshots build() {
            return MetricSnapshots.of(state.build(), restarts.build(), uptime.build(), startTime.build(),
                    exitCode.build(), health.build(), healthFailures.build(), processes.build(), resident.build(),
                    cpu.build());
        }
    }

    private static GaugeDataPointSnapshot gauge(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static CounterDataPointSnapshot counter(Labels labels, double value) {
        return CounterDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
