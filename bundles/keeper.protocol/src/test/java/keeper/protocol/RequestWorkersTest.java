package keeper.protocol;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Request workers grow with the requests in flight, not with the requests served. */
class RequestWorkersTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final AtomicInteger started = new AtomicInteger();
    private final ThreadFactory threads = task -> {
        started.incrementAndGet();
        Thread thread = new Thread(task, "test-worker");
        thread.setDaemon(true);
        return thread;
    };
    private RequestWorkers pool;

    @AfterEach
    void shutDown() {
        pool.shutdownNow();
    }

    @Test
    void requestsOneAtATimeAreServedByOneThread() {
        pool = new RequestWorkers(32, 64, threads);
        for (int i = 1; i <= 40; i++) {
            pool.execute(() -> { });
            long served = i;
            await().atMost(DEADLINE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                    .until(() -> pool.getCompletedTaskCount() == served && pool.getActiveCount() == 0);
        }
        assertEquals(40, pool.getCompletedTaskCount());
        assertEquals(1, started.get(), "an idle worker takes the next request");
    }

    @Test
    void busyWorkersMakeThePoolGrowUpToItsLimitThenRequestsWait() throws InterruptedException {
        pool = new RequestWorkers(2, 64, threads);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 3; i++) {
            pool.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertEquals(2, started.get(), "a thread for each busy one, up to the limit");
        assertEquals(1, pool.getQueue().size(), "the third waits");
        release.countDown();
        pool.shutdown();
        pool.awaitTermination(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertEquals(3, pool.getCompletedTaskCount());
    }
}
