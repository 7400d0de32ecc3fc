package keeper.api;

import java.time.Instant;

/**
 * What the probes last said about a child.
 *
 * @param condition where the child stands
 * @param detail    the last check's result ({@code tcp 127.0.0.1:5432: connection refused}), or {@code null}
 * @param checkedAt when the last check ended, or {@code null} when none ran
 * @param failures  failed checks in a row (health), 0 after a passed one
 */
public record Health(Condition condition, String detail, Instant checkedAt, int failures) {

    /** Nothing checked: no probe configured, or the child does not run. */
    public static final Health NONE = new Health(Condition.NONE, null, null, 0);

    public enum Condition {
        /** No probe configured, or the child does not run. */
        NONE,
        /** Spawned, waiting for its {@code ready} probe to pass (the child is STARTING). */
        WAITING,
        /** Its {@code ready} probe passed (or it has none) and no health check ran yet. */
        READY,
        /** Its last health check passed. */
        HEALTHY,
        /** Its last health check (or memory check) failed; {@code failures} says how many in a row. */
        UNHEALTHY
    }
}
