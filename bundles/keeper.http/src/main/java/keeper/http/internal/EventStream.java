package keeper.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * One open Server-Sent Events response ({@code /api/events}, a followed log): messages queue here and one
 * writer at a time sends them in order. A full queue (a client that does not read) or a failed write closes
 * the stream.
 */
final class EventStream implements AsyncListener {

    /** A burst of transitions (start all of a thousand children) fits; a client stalled for longer is let go. */
    static final int QUEUE = 4096;

    private final AsyncContext async;
    private final Executor writers;
    private final Consumer<EventStream> onClose;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Answers {@code request} with an event stream that stays open until either side closes it. */
    static AsyncContext open(HttpServletRequest request, HttpServletResponse response) {
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        return async;
    }

    /** @param onClose told once when the stream closes, whoever closes it */
    EventStream(AsyncContext async, Executor writers, Consumer<EventStream> onClose) {
        this.async = async;
        this.writers = writers;
        this.onClose = onClose;
        async.addListener(this);
    }

    boolean isClosed() {
        return closed.get();
    }

    void send(String message) {
        if (closed.get()) {
            return;
        }
        if (!queue.offer(message)) {
            close();
            return;
        }
        if (writing.compareAndSet(false, true)) {
            try {
                writers.execute(this::drain);
            } catch (RejectedExecutionException e) {
                close();
            }
        }
    }

    private void drain() {
        try {
            do {
                String message;
                while ((message = queue.poll()) != null) {
                    async.getResponse().getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
                }
                async.getResponse().flushBuffer();
                writing.set(false);
                // a message queued after the last poll but before the flag dropped is sent by this writer
            } while (!queue.isEmpty() && writing.compareAndSet(false, true));
        } catch (IOException | IllegalStateException e) {
            close();
        }
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.accept(this);
            try {
                async.complete();
            } catch (IllegalStateException e) {
                // already completed by the container (client gone)
            }
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        close();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        close();
    }

    @Override
    public void onError(AsyncEvent event) {
        close();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // the stream is opened once; nothing to renew
    }
}
