package keeper.transport.tcp.internal;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection when a step takes too long in total. SO_TIMEOUT bounds each silence, but a
 * client that sends one byte every few seconds never trips it; closing the socket is what wakes a
 * thread blocked on it, and it also bounds a client that never reads its reply.
 */
final class ConnectionDeadline {

    private final ScheduledExecutorService watchdog;
    private final Duration limit;
    private final Closeable connection;
    private ScheduledFuture<?> pending;

    ConnectionDeadline(ScheduledExecutorService watchdog, Duration limit, Closeable connection) {
        this.watchdog = watchdog;
        this.limit = limit;
        this.connection = connection;
    }

    /** Starts (or restarts) the clock. */
    synchronized void arm() {
        disarm();
        pending = watchdog.schedule(this::expire, limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void disarm() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    private void expire() {
        try {
            connection.close();
        } catch (IOException e) {
            // Closing is all a deadline does; a failure to close leaves nothing else to undo.
        }
    }
}
