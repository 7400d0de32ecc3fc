package keeper.process.internal;

import java.util.Set;

/** Starts child processes and learns their exit codes. */
interface Spawner {

    /** Starts {@code launch}; the returned run's exit future completes with the exit code. */
    Run spawn(Launch launch) throws SpawnException;

    /** The processes that adopt the orphans of children (spawn helpers): never part of a child. */
    default Set<Long> adopters() {
        return Set.of();
    }

    /** Stops spawning; children already started keep running. */
    void close();
}
