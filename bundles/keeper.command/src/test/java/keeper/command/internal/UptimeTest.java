package keeper.command.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class UptimeTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void writtenTheWayPeopleSayIt() {
        assertEquals("0s", Uptime.between(NOW, NOW));
        assertEquals("7s", Uptime.between(NOW.minusSeconds(7), NOW));
        assertEquals("1m 5s", Uptime.between(NOW.minusSeconds(65), NOW));
        assertEquals("2d 3h", Uptime.between(NOW.minus(Duration.ofDays(2).plusHours(3)), NOW));
        assertEquals("-", Uptime.between(null, NOW));
    }
}
