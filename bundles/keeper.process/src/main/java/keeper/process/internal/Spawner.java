package keeper.process.internal;

/** Starts child processes and learns their exit codes. */
interface Spawner {

    /** Starts {@code launch}; the returned run's exit future completes with the exit code. */
    Run spawn(Launch launch) throws SpawnException;

    /** Stops spawning; children already started keep running. */
    void close();
}
