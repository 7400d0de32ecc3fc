package keeper.api;

import java.time.Duration;
import java.util.List;

/**
 * How one stop of a child ended.
 *
 * @param pid       the process stopped (0 when a pending restart was cancelled and nothing ran)
 * @param end       how it ended
 * @param exitCode  its exit code (128 + signal for a death by signal), or {@code null} when unknown
 * @param elapsed    from the stop signal until the process was gone (or given up on)
 * @param timeout    the stop timeout that applied: SIGKILL follows the stop signal after it
 * @param leftovers  processes of the child that outlived it and were killed with SIGKILL
 * @param survivors  pids of the child's processes that outlived even SIGKILL (then the stop failed), sorted
 * @param stopSignal the signal the stop began with (the child's {@code stopsignal}, SIGTERM by default)
 */
public record StopResult(long pid, End end, Integer exitCode, Duration elapsed, Duration timeout, int leftovers,
        List<Long> survivors, RunAs.StopSignal stopSignal) {

    public StopResult {
        survivors = survivors == null ? List.of() : List.copyOf(survivors);
        stopSignal = stopSignal == null ? RunAs.StopSignal.TERM : stopSignal;
    }

    /** A stop that began with SIGTERM. */
    public StopResult(long pid, End end, Integer exitCode, Duration elapsed, Duration timeout, int leftovers,
            List<Long> survivors) {
        this(pid, end, exitCode, elapsed, timeout, leftovers, survivors, RunAs.StopSignal.TERM);
    }

    public enum End {
        /** It exited after its stop signal within the stop timeout. */
        TERMINATED,
        /** It ignored its stop signal for the whole stop timeout and was killed with SIGKILL. */
        KILLED_AFTER_TIMEOUT,
        /** Nothing ran: it waited for an automatic restart, which is cancelled. */
        RESTART_CANCELLED,
        /** It outlived even SIGKILL (e.g. stuck in the kernel); the stop failed. */
        SURVIVED_KILL
    }

    /** Whether every process of the child is gone. */
    public boolean complete() {
        return end != End.SURVIVED_KILL && survivors.isEmpty();
    }

    /** The last signal sent: the stop signal ({@code TERM}...), {@code KILL}, or {@code null} when none was. */
    public String signal() {
        return switch (end) {
            case TERMINATED -> stopSignal.name();
            case KILLED_AFTER_TIMEOUT, SURVIVED_KILL -> "KILL";
            case RESTART_CANCELLED -> null;
        };
    }
}
