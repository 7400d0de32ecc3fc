package keeper.api;

/** What the supervisor does when a child exits on its own. */
public enum AutoRestart {
    /** Leave it; the next {@code check} removes it from the table. supervisor-rs's behaviour, the default. */
    NEVER,
    /** Restart after a non-zero exit or a death by signal. */
    ON_FAILURE,
    /** Restart after any exit. */
    ALWAYS
}
