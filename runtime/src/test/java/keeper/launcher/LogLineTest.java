package keeper.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

/** LogLine writes what SimpleFormatter wrote with bin/keeper-server's format, which it replaces. */
class LogLineTest {

    private static final String SIMPLE_FORMAT = "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n";

    @Test
    void aRecordWithParametersIsTheLineSimpleFormatterWrote() {
        LogRecord record = record(Level.WARNING, "reload ({0}): {1}", "SIGHUP", "server.yml: mode quiet");
        assertEquals(simpleFormat(record, "reload (SIGHUP): server.yml: mode quiet", ""), new LogLine().format(record));
    }

    @Test
    void aRecordWithAnExceptionEndsWithItsStackTrace() {
        LogRecord record = record(Level.SEVERE, "reload failed");
        record.setThrown(new IllegalStateException("broken"));
        StringWriter trace = new StringWriter();
        try (PrintWriter out = new PrintWriter(trace)) {
            out.println();
            record.getThrown().printStackTrace(out);
        }
        assertEquals(simpleFormat(record, "reload failed", trace.toString()), new LogLine().format(record));
    }

    @Test
    void singleDigitsArePadded() {
        LogRecord record = record(Level.INFO, "early");
        record.setInstant(ZonedDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneId.systemDefault()).toInstant());
        assertEquals(simpleFormat(record, "early", ""), new LogLine().format(record));
    }

    private static LogRecord record(Level level, String message, Object... parameters) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("keeper.launcher.KeeperRuntime");
        record.setParameters(parameters);
        record.setInstant(Instant.parse("2026-11-26T18:04:59.123Z"));
        return record;
    }

    private static String simpleFormat(LogRecord record, String message, String thrown) {
        ZonedDateTime time = ZonedDateTime.ofInstant(record.getInstant(), ZoneId.systemDefault());
        return String.format(SIMPLE_FORMAT, time, "", record.getLoggerName(), record.getLevel().getLocalizedName(),
                message, thrown);
    }
}
