package keeper.process.internal;

import keeper.api.Health;

/**
 * A child's health changed condition: it became ready, healthy or unhealthy (a check with the same outcome as the
 * last one is no change).
 *
 * @param sequence increases by one with every transition or health change of any child (one counter for both)
 * @param name     the child
 * @param pid      its process
 * @param health   what the probe found
 */
record HealthChange(long sequence, String name, long pid, Health health) {
}
