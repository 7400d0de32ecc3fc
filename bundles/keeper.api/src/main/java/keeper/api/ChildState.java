package keeper.api;

/**
 * Where a child is in its life: supervisord's states, with the questions callers ask of a state
 * answered here once. The legal moves between them are drawn in {@code docs/processes.md}.
 */
public enum ChildState {
    /** Not running: never started, or stopped by a command. */
    STOPPED,
    /**
     * Being spawned; becomes RUNNING once its process exists, or, for a child with a {@code ready} probe, once the
     * probe passes (its process runs meanwhile).
     */
    STARTING,
    /** Its process is alive. */
    RUNNING,
    /** It exited on its own and waits for an automatic restart. */
    BACKOFF,
    /**
     * A stop is under way: the stop signal (SIGTERM or the child's stopsignal) sent, waiting for the exit (then
     * SIGKILL after the stop timeout).
     */
    STOPPING,
    /** It exited on its own and will not be restarted. */
    EXITED,
    /** It failed to stay up {@code startretries} times in a row, or could not be spawned; left alone until started again. */
    FATAL;

    /** Whether a process of this child exists (or is being spawned): the server answers for it. */
    public boolean isAlive() {
        return this == STARTING || this == RUNNING || this == STOPPING;
    }

    /** Whether the child has a process whose pid is known and recorded (the state file lists it). */
    public boolean hasProcess() {
        return this == RUNNING || this == STOPPING;
    }

    /**
     * Whether {@code stop} has something to do: a process to end (also one still waiting to be ready: a spawn holds
     * the child's lock, so a stop never sees a STARTING child without its process) or a pending restart to cancel.
     */
    public boolean canStop() {
        return this == STARTING || this == RUNNING || this == BACKOFF;
    }

    /** Whether {@code start} may spawn a process now (a BACKOFF child starts at once, its pending restart cancelled). */
    public boolean canStart() {
        return this == STOPPED || this == BACKOFF || this == EXITED || this == FATAL;
    }

    /** Whether {@code restart} applies: only a running child restarts. */
    public boolean canRestart() {
        return this == RUNNING;
    }

    /** Whether the state is a resting one that {@code check} may drop from the table without losing a fact worth showing. */
    public boolean isForgettable() {
        return this == STOPPED;
    }
}
