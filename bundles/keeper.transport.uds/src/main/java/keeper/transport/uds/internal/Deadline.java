package keeper.transport.uds.internal;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a channel when a step takes too long. Socket channels have no SO_TIMEOUT, and closing the
 * channel is what wakes a thread blocked reading or writing it.
 */
final class Deadline {

    private final ScheduledExecutorService watchdog;
    private final Duration limit;
    private final Closeable target;
    private ScheduledFuture<?> pending;

    Deadline(ScheduledExecutorService watchdog, Duration limit, Closeable target) {
        this.watchdog = watchdog;
        this.limit = limit;
        this.target = target;
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
            target.close();
        } catch (IOException e) {
            // Closing is all the deadline does; a failure to close leaves nothing else to undo.
        }
    }
}
