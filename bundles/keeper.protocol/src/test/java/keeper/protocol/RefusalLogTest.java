package keeper.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

class RefusalLogTest {

    private final List<String> lines = new ArrayList<>();
    private final MovableClock clock = new MovableClock();
    private final RefusalLog refusals = new RefusalLog(new Collecting(lines), clock);

    @Test
    void repeatsFromOneAddressAreCountedAndLoggedOncePerMinute() {
        for (int i = 0; i < 10_000; i++) {
            refusals.refused("203.0.113.9", "not signed", "refused 'status' from 203.0.113.9:" + i + ": not signed");
        }
        assertEquals(List.of("refused 'status' from 203.0.113.9:0: not signed"), lines);
        clock.advance(RefusalLog.WINDOW);
        refusals.refused("203.0.113.9", "not signed", "refused 'check' from 203.0.113.9:1: not signed");
        assertEquals(List.of("refused 'status' from 203.0.113.9:0: not signed",
                "10000 refused requests from 203.0.113.9 in the last minute: not signed",
                "refused 'check' from 203.0.113.9:1: not signed"), lines);
        refusals.flush();
        assertEquals(3, lines.size(), "a window with a single refusal needs no count");
    }

    @Test
    void manyAddressesAreBoundedTogether() {
        for (int i = 0; i < 60_000; i++) {
            refusals.refused("10.0." + (i / 256 % 256) + "." + (i % 256), "not signed", "refused from " + i);
        }
        assertEquals(RefusalLog.MAX_SOURCES, lines.size());
        refusals.flush();
        assertEquals(RefusalLog.MAX_SOURCES + 1, lines.size(), "single refusals need no count");
        assertTrue(lines.get(lines.size() - 1).startsWith((60_000 - RefusalLog.MAX_SOURCES)
                + " refused requests from other addresses"), lines.get(lines.size() - 1));
    }

    @Test
    void loggedLinesAreEscapedAndBounded() {
        refusals.refused("\u001b]0;x\u0007", "r\u2028", "line \u001b[31m" + "x".repeat(100_000));
        refusals.refused("\u001b]0;x\u0007", "r\u2028", "again");
        refusals.flush();
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("line \\x1b[31m"), lines.get(0));
        assertTrue(lines.get(0).endsWith("x..."), lines.get(0));
        assertEquals(RefusalLog.MAX_LINE + "...".length() + "\\x1b".length() - 1, lines.get(0).length());
        assertEquals("2 refused requests from \\x1b]0;x\\x07 in the last minute: r\\u2028", lines.get(1));
    }

    @Test
    void sourceAddressLeavesThePortOut() {
        assertEquals("127.0.0.1", RefusalLog.address("127.0.0.1:4711"));
        assertEquals("::1", RefusalLog.address("[::1]:4711"));
        assertEquals("::1", RefusalLog.address("::1"));
        assertEquals("/run/keeper.sock", RefusalLog.address("/run/keeper.sock"));
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-26T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private record Collecting(List<String> lines) implements System.Logger {
        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(format);
        }

        @Override
        public void log(Level level, Supplier<String> msgSupplier) {
            lines.add(msgSupplier.get());
        }
    }
}
