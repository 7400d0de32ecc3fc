package keeper.protocol;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import keeper.api.CommandDispatcher;

/**
 * Closes a connection when a step takes too long in total. A per-read timeout bounds each silence,
 * but a peer that sends one byte every few seconds never trips it, and socket channels have no read
 * timeout at all; closing the connection is what wakes a thread blocked on it, and it also bounds a
 * peer that never reads its reply. Shared by the server transports so that they all cut off alike.
 */
public final class ConnectionDeadline {

    private final ScheduledExecutorService watchdog;
    private final Duration limit;
    private final Closeable connection;
    private ScheduledFuture<?> pending;

    public ConnectionDeadline(ScheduledExecutorService watchdog, Duration limit, Closeable connection) {
        this.watchdog = watchdog;
        this.limit = limit;
        this.connection = connection;
    }

    /** Starts (or restarts) the clock. */
    public synchronized void arm() {
        disarm();
        pending = watchdog.schedule(this::expire, limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized void disarm() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    /**
     * The dispatcher with the clock stopped while it runs: once the request is in, the command takes
     * as long as it needs (stop all may wait for stop timeouts), then the peer gets the whole limit
     * again to take the reply.
     */
    public CommandDispatcher pausedDuring(CommandDispatcher dispatcher) {
        return (envelope, caller) -> {
            disarm();
            try {
                return dispatcher.dispatch(envelope, caller);
            } finally {
                arm();
            }
        };
    }

    private void expire() {
        try {
            connection.close();
        } catch (IOException e) {
            // Closing is all a deadline does; a failure to close leaves nothing else to undo.
        }
    }
}
