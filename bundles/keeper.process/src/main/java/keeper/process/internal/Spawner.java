package keeper.process.internal;

import java.util.Collection;
import java.util.Set;

/** Starts child processes and learns their exit codes. */
interface Spawner {

    /** Starts {@code launch}; the returned run's exit future completes with the exit code. */
    Run spawn(Launch launch) throws SpawnException;

    /** The processes that adopt the orphans of children (spawn helpers): never part of a child. */
    default Set<Long> adopters() {
        return Set.of();
    }

    /**
     * Makes sure none of {@code pids} is spawned again at once when it exits (see {@link Launch#respawnAfter()}):
     * a stop calls it before it signals. Returns once that holds; a respawn made before shows in {@link Run#respawned()}.
     */
    default void disarm(Collection<Long> pids) {
    }

    /** Gets ready to spawn (e.g. starts a helper process), so that the first spawn goes as fast as the next ones. */
    default void prepare() {
    }

    /** Stops spawning; children already started keep running. */
    void close();
}
