package keeper.process.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Publishes every child transition through OSGi Event Admin on topic {@code keeper/child/<STATE>},
 * with plain-typed properties: {@code name}, {@code pid} (Long), {@code previous} and {@code state}
 * (state names), {@code exitCode} (Integer, absent when unknown), {@code reason}, {@code sequence}
 * (Long, one more per transition of any child) and, on the move that ends a spawn, {@code spawnNanos}
 * (Long: how long making the process took). Only while Event Admin runs: the engine works without.
 * One sender thread posts in transition order, and Event Admin delivers one sender's events in order,
 * so a handler sees a child's transitions in the order they happened.
 */
@Component(immediate = true)
public final class EventAdminPublisher {

    static final String TOPIC_PREFIX = "keeper/child/";

    private static final Logger LOG = System.getLogger(EventAdminPublisher.class.getName());

    private final ExecutorService sender = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "keeper-events");
        thread.setDaemon(true);
        return thread;
    });
    private final AutoCloseable subscription;

    @Activate
    public EventAdminPublisher(@Reference EventAdmin admin, @Reference ChildTransitions transitions) {
        subscription = transitions.subscribe(transition -> post(admin, transition));
    }

    private void post(EventAdmin admin, Transition transition) {
        try {
            sender.execute(() -> admin.postEvent(eventOf(transition)));
        } catch (RejectedExecutionException e) {
            // deactivated while this transition was on its way: there is no one to tell any more
            LOG.log(Level.DEBUG, "not published (Event Admin adapter closed): {0}", transition);
        }
    }

    @Deactivate
    void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "unsubscribing from child transitions failed", e);
        }
        sender.shutdown();
    }

    static Event eventOf(Transition transition) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("name", transition.name());
        properties.put("pid", transition.pid());
        properties.put("previous", transition.previous().name());
        properties.put("state", transition.state().name());
        if (transition.exitCode() != null) {
            properties.put("exitCode", transition.exitCode());
        }
        properties.put("reason", transition.reason());
        if (transition.spawnTime() != null) {
            properties.put("spawnNanos", transition.spawnTime().toNanos());
        }
        properties.put("sequence", transition.sequence());
        return new Event(TOPIC_PREFIX + transition.state().name(), properties);
    }
}
