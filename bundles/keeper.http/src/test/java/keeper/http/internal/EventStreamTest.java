package keeper.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventStreamTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    private final ExecutorService writers = DaemonThreads.writers("test-writers", 2);
    private final CountDownLatch reading = new CountDownLatch(1);
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    @AfterEach
    void stop() {
        reading.countDown();
        writers.shutdownNow();
    }

    @Test
    void messagesGoOutInOrder() {
        reading.countDown();
        EventStream stream = new EventStream(async(), writers, s -> closed.incrementAndGet());
        for (int i = 0; i < 1000; i++) {
            stream.send(i + ",");
        }
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            expected.append(i).append(',');
        }
        Awaitility.await().atMost(WITHIN).until(() -> received(), expected.toString()::equals);
        assertFalse(stream.isClosed());
    }

    @Test
    void aClientThatDoesNotReadDelaysNoOther() {
        EventStream stalled = new EventStream(async(), writers, s -> closed.incrementAndGet());
        stalled.send("never read");
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        EventStream reader = new EventStream(async(new CountDownLatch(0), other), writers, s -> closed.incrementAndGet());
        reader.send("event: state\n\n");
        Awaitility.await().atMost(WITHIN).until(() -> text(other), "event: state\n\n"::equals);
    }

    @Test
    void aClientThatDoesNotReadIsDisconnectedOnceItsQueueIsFullAndHoldsNoMore() {
        EventStream stream = new EventStream(async(), writers, s -> closed.incrementAndGet());
        for (int i = 0; i <= EventStream.QUEUE + 1; i++) {
            stream.send("event " + i + "\n\n");
        }
        assertTrue(stream.isClosed());
        assertEquals(1, closed.get(), "told once");
        assertEquals(1, completed.get(), "the response is completed");
        stream.send("more");
        assertEquals(1, closed.get());
    }

    private String received() {
        return text(received);
    }

    private static String text(ByteArrayOutputStream sink) {
        synchronized (sink) {
            return sink.toString(StandardCharsets.UTF_8);
        }
    }

    /** An async response whose output blocks until {@link #reading}, as a client that does not read. */
    private AsyncContext async() {
        return async(reading, received);
    }

    private AsyncContext async(CountDownLatch reading, ByteArrayOutputStream received) {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) throws IOException {
                try {
                    reading.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                synchronized (received) {
                    received.write(b);
                }
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        ServletResponse response = (ServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getOutputStream" -> out;
                    case "flushBuffer" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (AsyncContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AsyncContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getResponse" -> response;
                    case "addListener" -> null;
                    case "complete" -> {
                        completed.incrementAndGet();
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
