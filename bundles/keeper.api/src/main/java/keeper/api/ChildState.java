package keeper.api;

/** Where a child is in its life. */
public enum ChildState {
    /** Its process is alive. */
    RUNNING,
    /** It exited on its own and waits for an automatic restart. */
    BACKOFF,
    /** It exited on its own and will not be restarted. */
    EXITED,
    /** It was stopped by a command. */
    STOPPED,
    /** It failed to stay up {@code startretries} times in a row; left alone until started again. */
    FATAL
}
