package keeper.example.plugin.internal;

import java.time.Duration;

/** Reading and writing uptimes. */
final class Uptimes {

    private Uptimes() {
    }

    /** {@code /proc/uptime} holds "SECONDS_UP SECONDS_IDLE", both with two decimals. */
    static Duration parseProcUptime(String content) {
        String[] fields = content.strip().split("\\s+");
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(fields[0]) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected seconds as its first field, found '" + fields[0] + "'");
        }
    }

    /** {@code 1d 2h 3m 4s}, leading zero units left out: {@code 5m 0s}. */
    static String format(Duration uptime) {
        long[] values = {uptime.toDaysPart(), uptime.toHoursPart(), uptime.toMinutesPart(), uptime.toSecondsPart()};
        String[] units = {"d", "h", "m", "s"};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (text.length() > 0 || values[i] > 0 || i == values.length - 1) {
                text.append(text.length() > 0 ? " " : "").append(values[i]).append(units[i]);
            }
        }
        return text.toString();
    }
}
