package keeper.api;

import java.time.Duration;

/**
 * A child's {@code health:} block: {@code probe} runs every {@code interval} while the child runs; {@code failures}
 * failed checks in a row make the child unhealthy, and it is restarted.
 */
public record HealthCheck(Probe probe, Duration interval, int failures) {
}
