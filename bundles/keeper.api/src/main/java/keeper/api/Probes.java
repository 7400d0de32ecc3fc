package keeper.api;

import java.time.Duration;
import java.util.List;

/**
 * When a child may start and how Keeper knows it works: its {@code depends_on}, {@code ready}, {@code health} and
 * {@code max_memory} settings.
 *
 * @param dependsOn the children started (and ready) before this one, as written
 * @param ready     what makes the child ready (it stays STARTING until then), or {@code null}: ready once spawned
 * @param health    the check repeated while it runs, or {@code null}
 * @param maxMemory the most resident memory its process tree may keep, in bytes, or 0 for no limit
 */
public record Probes(List<String> dependsOn, Probe ready, HealthCheck health, long maxMemory) {

    /** How long a child's tree may stay above {@code max_memory} when it has no {@code health} interval. */
    public static final Duration DEFAULT_MEMORY_PERIOD = Duration.ofSeconds(5);

    /** A child that waits for nothing and is not checked. */
    public static final Probes NONE = new Probes(List.of(), null, null, 0);

    public Probes {
        dependsOn = List.copyOf(dependsOn);
    }

    /**
     * How long the tree may stay above {@code maxMemory} before the child is restarted, which is also how often it
     * is measured: the health interval, else {@link #DEFAULT_MEMORY_PERIOD}.
     */
    public Duration memoryPeriod() {
        return health != null ? health.interval() : DEFAULT_MEMORY_PERIOD;
    }

    /** Whether anything is checked while the child runs. */
    public boolean watched() {
        return health != null || maxMemory > 0;
    }
}
