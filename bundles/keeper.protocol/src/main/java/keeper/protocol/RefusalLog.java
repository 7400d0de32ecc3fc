package keeper.protocol;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Logs refused requests without letting a peer fill the disk. The first refusal of a source address
 * for a reason is logged as it is; repeats within the next minute are only counted, and the count is
 * logged once that minute is over ({@code 2134 refused requests from 203.0.113.9 in the last minute:
 * the request is not signed}). At most {@value #MAX_SOURCES} (source, reason) pairs are tracked at once;
 * refusals beyond that are counted together. So, whatever arrives, one RefusalLog writes at most
 * {@code 2 * MAX_SOURCES + 1} lines of at most {@value #MAX_LINE} characters per minute.
 *
 * <p>A window's count is logged by the first refusal after the window ended, or by {@link #flush()}.
 */
public final class RefusalLog {

    public static final Duration WINDOW = Duration.ofMinutes(1);
    public static final int MAX_SOURCES = 64;
    public static final int MAX_LINE = 400;
    /** Reasons are aggregation keys and are logged: a bounded, escaped form of them. */
    private static final int MAX_REASON = 120;

    private final Logger log;
    private final Clock clock;
    /** In insertion order, which is the order in which the windows end. */
    private final Map<Source, Tally> tallies = new LinkedHashMap<>();
    private final Tally untracked = new Tally(Instant.MIN, 0);

    public RefusalLog(Logger log) {
        this(log, Clock.systemUTC());
    }

    public RefusalLog(Logger log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /**
     * Records one refusal.
     *
     * @param address where it came from, without the port (each connection has its own)
     * @param reason  why, in words that stay the same for the same cause
     * @param detail  the line to log if this is the first such refusal in the window; it may hold
     *                anything the peer sent, as it is escaped and cut here
     */
    public synchronized void refused(String address, String reason, String detail) {
        Instant now = clock.instant();
        logEndedWindows(now);
        Source source = new Source(Printable.line(address, Printable.LOG_LENGTH), Printable.line(reason, MAX_REASON));
        Tally tally = tallies.get(source);
        if (tally != null) {
            tally.count++;
        } else if (tallies.size() < MAX_SOURCES) {
            tallies.put(source, new Tally(now, 1));
            write(detail);
        } else {
            if (untracked.count++ == 0) {
                untracked.since = now;
            }
        }
    }

    /** Logs the counts of the windows still open, e.g. when the server stops. */
    public synchronized void flush() {
        logEndedWindows(Instant.MAX);
    }

    private void logEndedWindows(Instant now) {
        Iterator<Map.Entry<Source, Tally>> oldestFirst = tallies.entrySet().iterator();
        while (oldestFirst.hasNext()) {
            Map.Entry<Source, Tally> entry = oldestFirst.next();
            if (!ended(entry.getValue(), now)) {
                break;
            }
            if (entry.getValue().count > 1) {
                write(entry.getValue().count + " refused requests from " + entry.getKey().address()
                        + " in the last minute: " + entry.getKey().reason());
            }
            oldestFirst.remove();
        }
        if (untracked.count > 0 && ended(untracked, now)) {
            write(untracked.count + " refused requests from other addresses in the last minute (more than "
                    + MAX_SOURCES + " addresses and reasons at once)");
            untracked.count = 0;
        }
    }

    private static boolean ended(Tally tally, Instant now) {
        return now == Instant.MAX || !tally.since.plus(WINDOW).isAfter(now);
    }

    private void write(String line) {
        log.log(Level.WARNING, Printable.line(line, MAX_LINE));
    }

    /**
     * The source address of a {@code host:port} or {@code [v6]:port} remote as transports write it;
     * anything else is returned as it is.
     */
    public static String address(String remote) {
        int colon = remote.lastIndexOf(':');
        if (colon <= 0 || colon == remote.length() - 1) {
            return remote;
        }
        for (int i = colon + 1; i < remote.length(); i++) {
            if (remote.charAt(i) < '0' || remote.charAt(i) > '9') {
                return remote;
            }
        }
        String host = remote.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            return host.substring(1, host.length() - 1);
        }
        return host.indexOf(':') < 0 ? host : remote;
    }

    private record Source(String address, String reason) {
    }

    private static final class Tally {
        Instant since;
        long count;

        Tally(Instant since, long count) {
            this.since = since;
            this.count = count;
        }
    }
}
