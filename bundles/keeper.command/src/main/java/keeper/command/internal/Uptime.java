package keeper.command.internal;

import java.time.Duration;
import java.time.Instant;

/** How long something has run, the way people say it: {@code 2d 3h 4m 5s}, {@code 7s}. */
final class Uptime {

    private Uptime() {
    }

    /** The time from {@code since} to {@code now}, or {@code -} when {@code since} is unknown. */
    static String between(Instant since, Instant now) {
        if (since == null) {
            return "-";
        }
        Duration up = Duration.between(since, now);
        if (up.isNegative()) {
            up = Duration.ZERO;
        }
        StringBuilder text = new StringBuilder();
        append(text, up.toDaysPart(), "d");
        append(text, up.toHoursPart(), "h");
        append(text, up.toMinutesPart(), "m");
        if (text.isEmpty() || up.toSecondsPart() > 0) {
            text.append(up.toSecondsPart()).append("s ");
        }
        return text.toString().strip();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit).append(' ');
        }
    }
}
