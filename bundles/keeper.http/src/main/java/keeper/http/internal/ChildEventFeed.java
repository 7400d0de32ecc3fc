package keeper.http.internal;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import jakarta.servlet.AsyncContext;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import keeper.protocol.Json;

/**
 * The engine's child transitions ({@code keeper/child/<STATE>} from Event Admin) and health changes
 * ({@code keeper/child/health/<CONDITION>}) as Server-Sent Events for
 * every open {@code /api/events} stream. Event Admin's delivery thread only queues: writer threads send, one
 * per stream at a time and only while it has something to send, so a slow client delays nobody, and a client too slow to keep {@value EventStream#QUEUE} events queued
 * is disconnected. At most {@value #MAX_STREAMS} streams are open at once.
 */
@Component(service = {EventHandler.class, ChildEventFeed.class},
        property = EventConstants.EVENT_TOPIC + "=keeper/child/*")
public final class ChildEventFeed implements EventHandler {

    static final int MAX_STREAMS = 32;
    private static final String HEALTH_TOPICS = "keeper/child/health/";

    private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();
    private final ExecutorService writers = DaemonThreads.writers("keeper-http-events", MAX_STREAMS);

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

    /** A new stream of events on {@code async}, sent by this feed's writers; not yet open. */
    EventStream stream(AsyncContext async) {
        return new EventStream(async, writers, this::closed);
    }

    /**
     * One Server-Sent Event, named as docs/http.md lists them: {@code health} for a change of a child's health
     * ({@code keeper/child/health/<CONDITION>}), {@code state} for a transition.
     */
    static String message(Event event) {
        if (event.getTopic().startsWith(HEALTH_TOPICS)) {
            return "event: health\ndata: " + Json.object()
                    .put("name", String.valueOf(event.getProperty("name")))
                    .put("condition", lower(event.getProperty("condition")))
                    .put("pid", event.getProperty("pid"))
                    .put("detail", text(event.getProperty("detail")))
                    .put("failures", event.getProperty("failures"))
                    .put("sequence", event.getProperty("sequence"))
                    + "\n\n";
        }
        String data = Json.object()
                .put("name", String.valueOf(event.getProperty("name")))
                .put("state", lower(event.getProperty("state")))
                .put("previous", lower(event.getProperty("previous")))
                .put("pid", event.getProperty("pid"))
                .put("exit_code", event.getProperty("exitCode"))
                .put("reason", text(event.getProperty("reason")))
                .put("sequence", event.getProperty("sequence"))
                .toString();
        return "event: state\ndata: " + data + "\n\n";
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static String lower(Object state) {
        return state == null ? null : state.toString().toLowerCase(Locale.ROOT);
    }
}
