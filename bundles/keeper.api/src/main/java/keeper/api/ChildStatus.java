package keeper.api;

import java.time.Instant;

/**
 * What the supervisor knows of one child.
 *
 * @param name      the child
 * @param state     where it is in its life
 * @param pid       the process id while RUNNING, else the last one, or 0 if it never ran
 * @param startedAt when the current (or last) process started, or {@code null}
 * @param exitCode  the last exit code (128 + signal for a death by signal), or {@code null}
 * @param restarts  automatic restarts since the last start by command
 * @param spec      the configuration it was started with, or {@code null} for an adopted child
 *                  whose file is gone
 * @param health    what its probes last said
 */
public record ChildStatus(
        String name,
        ChildState state,
        long pid,
        Instant startedAt,
        Integer exitCode,
        int restarts,
        ChildSpec spec,
        Health health) {

    public ChildStatus {
        health = health == null ? Health.NONE : health;
    }

    /** A child nothing is known of by probes. */
    public ChildStatus(String name, ChildState state, long pid, Instant startedAt, Integer exitCode, int restarts,
            ChildSpec spec) {
        this(name, state, pid, startedAt, exitCode, restarts, spec, Health.NONE);
    }
}
