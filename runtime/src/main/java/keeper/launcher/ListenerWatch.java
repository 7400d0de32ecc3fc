package keeper.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.AllServiceListener;
import org.osgi.framework.ServiceReference;

import keeper.api.spi.transport.Listener;

/** Waits, from outside the framework, for the first server transport to be listening. */
final class ListenerWatch {

    private static final String FILTER = "(objectClass=" + Listener.class.getName() + ")";

    private ListenerWatch() {
    }

    /** The addresses of the listeners up once the first one is; answers early when {@code giveUp} completes first. */
    static List<String> awaitAddresses(BundleContext context, CompletableFuture<?> giveUp, Duration timeout)
            throws TimeoutException {
        CompletableFuture<Void> up = new CompletableFuture<>();
        // AllServiceListener: the launcher's keeper.api classes are not the bundles' (other class loader)
        AllServiceListener watcher = event -> {
            if (event.getType() == ServiceEvent.REGISTERED) {
                up.complete(null);
            }
        };
        try {
            context.addServiceListener(watcher, FILTER);
            if (!addresses(context).isEmpty()) {
                up.complete(null);
            }
            giveUp.thenRun(() -> up.complete(null));
            up.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return addresses(context);
        } catch (InvalidSyntaxException | ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            context.removeServiceListener(watcher);
        }
    }

    private static List<String> addresses(BundleContext context) throws InvalidSyntaxException {
        List<String> addresses = new ArrayList<>();
        ServiceReference<?>[] references = context.getAllServiceReferences(null, FILTER);
        if (references != null) {
            for (ServiceReference<?> reference : references) {
                addresses.add(String.valueOf(reference.getProperty(Listener.ADDRESS)));
            }
        }
        return addresses;
    }
}
