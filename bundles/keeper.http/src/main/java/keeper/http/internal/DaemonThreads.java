package keeper.http.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Named daemon threads, so a stopping framework never waits for the HTTP feature's helpers. */
final class DaemonThreads implements ThreadFactory {

    private static final long IDLE_SECONDS = 30;

    private final String name;
    private final AtomicInteger count = new AtomicInteger();

    DaemonThreads(String name) {
        this.name = name;
    }

    /**
     * Writers for at most {@code streams} streams, each of which has at most one write task at a time: a thread
     * per stream only while it writes, none when all are idle, so a client that stops reading (its write blocks
     * until Jetty's idle timeout) delays no other client.
     */
    static ExecutorService writers(String name, int streams) {
        return new ThreadPoolExecutor(0, streams, IDLE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(),
                new DaemonThreads(name));
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
