package keeper.process.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The timer a shut-down {@link SupervisorThreads} answers: cancelled from the start, it never runs. */
final class CancelledTimer implements ScheduledFuture<Object> {

    @Override
    public long getDelay(TimeUnit unit) {
        return 0;
    }

    @Override
    public int compareTo(Delayed other) {
        return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return false;
    }

    @Override
    public boolean isCancelled() {
        return true;
    }

    @Override
    public boolean isDone() {
        return true;
    }

    @Override
    public Object get() {
        throw new CancellationException("the supervisor is shut down");
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
        return get();
    }
}
