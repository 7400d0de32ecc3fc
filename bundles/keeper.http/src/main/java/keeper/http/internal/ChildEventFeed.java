package keeper.http.internal;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import keeper.protocol.Json;

/**
 * The engine's child transitions ({@code keeper/child/<STATE>} from Event Admin) as Server-Sent Events for
 * every open {@code /api/events} stream. Event Admin's delivery thread only queues: two writer threads send,
 * so a slow client delays nobody, and a client too slow to keep {@value EventStream#QUEUE} events queued
 * is disconnected. At most {@value #MAX_STREAMS} streams are open at once.
 */
@Component(service = {EventHandler.class, ChildEventFeed.class},
        property = EventConstants.EVENT_TOPIC + "=keeper/child/*")
public final class ChildEventFeed implements EventHandler {

    static final int MAX_STREAMS = 32;
    private static final int WRITERS = 2;

    private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();
    private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS, new WriterThreads());

    @Override
    public void handleEvent(Event event) {
        String message = message(event);
        streams.forEach(stream -> stream.send(message));
    }

    @Deactivate
    void deactivate() {
        streams.forEach(EventStream::close);
        writers.shutdownNow();
    }

    /** Opens {@code stream} to events; false when too many are open already. */
    boolean open(EventStream stream) {
        synchronized (streams) {
            if (streams.size() >= MAX_STREAMS) {
                return false;
            }
            streams.add(stream);
        }
        return true;
    }

    void closed(EventStream stream) {
        streams.remove(stream);
    }

    ExecutorService writers() {
        return writers;
    }

    /** One {@code state} event: the transition as JSON, named as docs/http.md lists them. */
    static String message(Event event) {
        String data = Json.object()
                .put("name", String.valueOf(event.getProperty("name")))
                .put("state", lower(event.getProperty("state")))
                .put("previous", lower(event.getProperty("previous")))
                .put("pid", event.getProperty("pid"))
                .put("exit_code", event.getProperty("exitCode"))
                .put("reason", event.getProperty("reason") == null ? null : String.valueOf(event.getProperty("reason")))
                .put("sequence", event.getProperty("sequence"))
                .toString();
        return "event: state\ndata: " + data + "\n\n";
    }

    private static String lower(Object state) {
        return state == null ? null : state.toString().toLowerCase(Locale.ROOT);
    }

    private static final class WriterThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "keeper-http-events-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
