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
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;

import keeper.api.Listener;

/** Waits, from outside the framework, for the first server transport to be listening. */
final class ListenerWatch {

    private static final String FILTER = "(objectClass=" + Listener.class.getName() + ")";

    private ListenerWatch() {
    }

    /** The addresses of the listeners up once the first one is, or none when {@code fatal} completes first. */
    static List<String> awaitAddresses(BundleContext context, CompletableFuture<String> fatal, Duration timeout)
            throws TimeoutException {
        CompletableFuture<Void> up = new CompletableFuture<>();
        ServiceListener watcher = event -> {
            if (event.getType() == ServiceEvent.REGISTERED) {
                up.complete(null);
            }
        };
        try {
            context.addServiceListener(watcher, FILTER);
            if (!addresses(context).isEmpty()) {
                up.complete(null);
            }
            fatal.thenRun(() -> up.complete(null));
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
        ServiceReference<?>[] references = context.getServiceReferences((String) null, FILTER);
        if (references != null) {
            for (ServiceReference<?> reference : references) {
                addresses.add(String.valueOf(reference.getProperty(Listener.ADDRESS)));
            }
        }
        return addresses;
    }
}
