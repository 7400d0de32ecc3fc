package keeper.protocol;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The workers that dispatch a {@link RequestServer}'s complete requests: a new thread starts only for a request
 * that no idle worker can take (up to {@code workers} threads), beyond that up to {@code queue} requests wait, and
 * threads end after {@link #IDLE_SECONDS} without work. A pool of fixed size would instead start a thread for each
 * of its first requests, idle workers or not, and keep them all for good.
 */
final class RequestWorkers extends ThreadPoolExecutor {

    static final long IDLE_SECONDS = 60;

    /** Requests handed over and not yet done, waiting or running. */
    private final AtomicInteger outstanding = new AtomicInteger();

    RequestWorkers(int workers, int queue, ThreadFactory threads) {
        super(0, workers, IDLE_SECONDS, TimeUnit.SECONDS, new IdleFirst(queue), threads);
        ((IdleFirst) getQueue()).workers = this;
    }

    @Override
    public void execute(Runnable request) {
        outstanding.incrementAndGet();
        try {
            super.execute(request);
        } catch (RejectedExecutionException e) {
            outstanding.decrementAndGet();
            throw e;
        }
    }

    @Override
    protected void afterExecute(Runnable request, Throwable failure) {
        outstanding.decrementAndGet();
    }

    /** More requests than threads, and room for another thread: the request gets one of its own. */
    private boolean wantsThread() {
        int threads = getPoolSize();
        return outstanding.get() > threads && threads < getMaximumPoolSize();
    }

    /** Declines a request that {@link #wantsThread wants a thread}, so the pool starts one for it. */
    private static final class IdleFirst extends ArrayBlockingQueue<Runnable> {

        private static final long serialVersionUID = 1L;
        private transient RequestWorkers workers;

        IdleFirst(int capacity) {
            super(capacity);
        }

        @Override
        public boolean offer(Runnable request) {
            return !workers.wantsThread() && super.offer(request);
        }
    }
}
