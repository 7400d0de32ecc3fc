package keeper.process.internal;

import java.util.function.Consumer;

/**
 * Inside this bundle, the supervisor's stream of child state and health changes, registered as a service so
 * that optional adapters (Event Admin) can come and go without the engine depending on them.
 */
public interface ChildTransitions {

    /** Hands every transition from now on to {@code listener}; closing the answer unsubscribes. */
    AutoCloseable subscribe(Consumer<Transition> listener);

    /** Hands every change of a child's health condition (ready, healthy, unhealthy) to {@code listener}. */
    AutoCloseable subscribeHealth(Consumer<HealthChange> listener);
}
