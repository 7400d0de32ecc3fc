package keeper.process.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A child's lock, had within a bound or not at all: a thread that cannot have it in time logs the
 * holder's stack at ERROR and fails, so a stuck operation shows itself instead of hanging every
 * later command on that child. The bound is stretched while the holder declares a long hold (a stop
 * waits up to the child's stop timeout).
 */
final class ChildLock extends ReentrantLock {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = System.getLogger(ChildLock.class.getName());
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final String name;
    private final Duration bound;
    private volatile Duration declaredHold = Duration.ZERO;

    ChildLock(String name, Duration bound) {
        this.name = name;
        this.bound = bound;
    }

    /** Takes the lock; throws IllegalStateException after logging the holder when it is not had within the bound. */
    void acquire() {
        long start = System.nanoTime();
        try {
            while (!tryLock(SLICE_NANOS, TimeUnit.NANOSECONDS)) {
                long allowed = bound.plus(declaredHold).toNanos();
                if (System.nanoTime() - start >= allowed) {
                    throw stuck(Duration.ofNanos(allowed));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the lock of child " + name, e);
        }
    }

    /** The holder expects to keep the lock about this long (cleared with {@link Duration#ZERO}). */
    void declareHold(Duration hold) {
        declaredHold = hold;
    }

    private IllegalStateException stuck(Duration waited) {
        Thread holder = getOwner();
        String holderName = holder == null ? "no thread any more" : "thread " + holder.getName();
        Throwable holderStack = new Throwable("stack of the holder, " + holderName);
        if (holder != null) {
            holderStack.setStackTrace(holder.getStackTrace());
        }
        LOG.log(Level.ERROR, "the lock of child " + name + " was not had within " + Durations.format(waited)
                + ": it is held by " + holderName, holderStack);
        return new IllegalStateException("child " + name + " is busy: its lock was not had within "
                + Durations.format(waited) + " (held by " + holderName + "; its stack is in the log)");
    }
}
