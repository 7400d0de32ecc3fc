package keeper.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One log record as one line, {@code 2026-11-26 18:04:59 INFO keeper.launcher.KeeperRuntime: message}, with
 * the stack trace after it when there is one: what the JDK's SimpleFormatter writes with the format
 * {@code %1$tF %1$tT %4$s %3$s: %5$s%6$s%n}, without its costs at boot (it checks its format with
 * {@code String.format} on a date, which loads the locale data, and looks up localized level names).
 */
final class LogLine extends Formatter {

    private final ZoneId zone = ZoneId.systemDefault();

    @Override
    public String format(LogRecord record) {
        LocalDateTime time = LocalDateTime.ofInstant(record.getInstant(), zone);
        StringBuilder line = new StringBuilder(128);
        line.append(time.getYear()).append('-');
        twoDigits(line, time.getMonthValue()).append('-');
        twoDigits(line, time.getDayOfMonth()).append(' ');
        twoDigits(line, time.getHour()).append(':');
        twoDigits(line, time.getMinute()).append(':');
        twoDigits(line, time.getSecond()).append(' ');
        line.append(record.getLevel().getName()).append(' ')
                .append(record.getLoggerName()).append(": ")
                .append(formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            try (PrintWriter out = new PrintWriter(trace)) {
                out.println();
                record.getThrown().printStackTrace(out);
            }
            line.append(trace);
        }
        return line.append(System.lineSeparator()).toString();
    }

    private static StringBuilder twoDigits(StringBuilder line, int value) {
        return line.append(value < 10 ? "0" : "").append(value);
    }
}
