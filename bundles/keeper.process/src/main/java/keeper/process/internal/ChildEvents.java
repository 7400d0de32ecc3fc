package keeper.process.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import keeper.api.ChildState;
import keeper.api.Health;

/**
 * The one place a child's state change goes out: every {@link Child#moveTo} hands its
 * {@link Transition} to each listener, in the order they subscribed, on the thread that made the
 * move (which holds the child's lock, so one child's transitions reach a listener in order).
 * A listener that throws is logged and does not stop the others or the move.
 */
final class ChildEvents implements ChildTransitions {

    private static final Logger LOG = System.getLogger(ChildEvents.class.getName());

    private final List<Consumer<Transition>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<HealthChange>> healthListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    @Override
    public AutoCloseable subscribe(Consumer<Transition> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public AutoCloseable subscribeHealth(Consumer<HealthChange> listener) {
        healthListeners.add(listener);
        return () -> healthListeners.remove(listener);
    }

    /** Called by the child holding its lock, like {@link #publish}, so one child's changes arrive in order. */
    void health(String name, long pid, Health health) {
        HealthChange change = new HealthChange(sequence.incrementAndGet(), name, pid, health);
        for (Consumer<HealthChange> listener : healthListeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "a listener failed on " + change, e);
            }
        }
    }

    Transition publish(String name, long pid, ChildState previous, ChildState state,
            Integer exitCode, String reason, Duration spawnTime) {
        Transition transition = new Transition(sequence.incrementAndGet(), name, pid, previous, state, exitCode, reason,
                spawnTime);
        for (Consumer<Transition> listener : listeners) {
            try {
                listener.accept(transition);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "a listener failed on " + transition, e);
            }
        }
        return transition;
    }
}
