package keeper.process.internal;

import java.time.Duration;

/** Durations as people read them in log lines and spawn failures: {@code 15 ms}, {@code 10 s}, {@code 1.5 s}. */
final class Durations {

    private Durations() {
    }

    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
