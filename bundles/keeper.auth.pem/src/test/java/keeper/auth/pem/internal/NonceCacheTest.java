package keeper.auth.pem.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class NonceCacheTest {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void aNonceIsRememberedPerKeyForTheRetentionTime() {
        NonceCache cache = new NonceCache(10, Duration.ofSeconds(120));

        assertTrue(cache.remember("ops", "n1", T0));
        assertFalse(cache.remember("ops", "n1", T0.plusSeconds(119)));
        assertTrue(cache.contains("ops", "n1", T0.plusSeconds(119)));
        assertFalse(cache.contains("dev", "n1", T0), "nonces are per key");
        assertFalse(cache.contains("ops", "n1", T0.plusSeconds(120)));
        assertEquals(0, cache.size());
    }

    @Test
    void whenFullTheOldestNonceIsForgottenFirst() {
        NonceCache cache = new NonceCache(3, Duration.ofSeconds(120));
        for (int i = 1; i <= 4; i++) {
            assertTrue(cache.remember("ops", "n" + i, T0.plusSeconds(i)));
        }

        assertEquals(3, cache.size());
        assertFalse(cache.contains("ops", "n1", T0.plusSeconds(5)));
        assertTrue(cache.contains("ops", "n2", T0.plusSeconds(5)));
        assertTrue(cache.contains("ops", "n4", T0.plusSeconds(5)));
    }
}
