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
 * Publishes every child transition through OSGi Event Admin on topic {@code keeper/child/<STATE>}, and every change
 * of a child's health on {@code keeper/child/health/<CONDITION>} (READY, HEALTHY, UNHEALTHY),
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
    static final String HEALTH_PREFIX = "keeper/child/health/";

    private static final Logger LOG = System.getLogger(EventAdminPublisher.class.getName());

    private final ExecutorService sender = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "keeper-events");
        thread.setDaemon(true);
        return thread;
    });
    private final AutoCloseable subscription;
    private final AutoCloseable healthSubscription;

    @Activate
    public EventAdminPublisher(@Reference EventAdmin admin, @Reference ChildTransitions transitions) {
        subscription = transitions.subscribe(transition -> post(admin, eventOf(transition)));
        healthSubscription = transitions.subscribeHealth(change -> post(admin, eventOf(change)));
    }

    private void post(EventAdmin admin, Event event) {
        try {
            sender.execute(() -> admin.postEvent(event));
        } catch (RejectedExecutionException e) {
            // deactivated while this event was on its way: there is no one to tell any more
            LOG.log(Level.DEBUG, "not published (Event Admin adapter closed): {0}", event.getTopic());
        }
    }

    @Deactivate
    void close() {
        try {
            subscription.close();
            healthSubscription.close();
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

    /** {@code keeper/child/health/<CONDITION>} with {@code name}, {@code pid}, {@code detail}, {@code failures}, {@code sequence}. */
    static Event eventOf(HealthChange change) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("name", change.name());
        properties.put("pid", change.pid());
        properties.put("condition", change.health().condition().name());
        if (change.health().detail() != null) {
            properties.put("detail", change.health().detail());
        }
        properties.put("failures", change.health().failures());
        properties.put("sequence", change.sequence());
        return new Event(HEALTH_PREFIX + change.health().condition().name(), properties);
    }
}
