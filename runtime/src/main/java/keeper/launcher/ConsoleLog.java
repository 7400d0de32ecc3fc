package keeper.launcher;

import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * The server's log records on stderr, one {@link LogLine} each, flushed at once. Replaces the JDK's
 * default ConsoleHandler before anything logs: that one would be built with a SimpleFormatter, whose set-up
 * alone costs the server's boot tens of milliseconds (docs/boot.md).
 */
final class ConsoleLog extends StreamHandler {

    private ConsoleLog() {
        super(System.err, new LogLine());
        setLevel(Level.INFO);
    }

    /**
     * Drops the JDK's default handlers (before they are made) and logs to stderr through this one, unless
     * a logging configuration of one's own was given ({@code -Djava.util.logging.config.file} or
     * {@code .class} in KEEPER_SERVER_OPTS): that one is left to do as it says.
     */
    static void install() {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        // reset() before the first record: the root's default handlers are then never made
        LogManager.getLogManager().reset();
        Logger.getLogger("").addHandler(new ConsoleLog());
    }

    @Override
    public synchronized void publish(LogRecord record) {
        super.publish(record);
        flush();
    }

    /** stderr stays open for whatever comes after. */
    @Override
    public synchronized void close() {
        flush();
    }
}
