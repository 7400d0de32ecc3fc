package keeper.http.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;

/**
 * Hands Felix HTTP its port and address from server.yml, through Config Admin: the launcher sets
 * {@code org.apache.felix.http.require.config=true}, so Jetty binds nothing until this configuration exists and closes its port
 * when it is deleted, which happens when this bundle stops (feature-uninstall http). Config Admin tells
 * Jetty on a thread of its own, so the stop waits until Jetty is down: otherwise Jetty's bundle, stopped
 * next, would race that thread's stop of the same server. When the whole framework stops there is no delete:
 * Jetty stops with it.
 */
@Component(service = {}, immediate = true)
public final class JettyConfiguration {

    /** Felix HTTP's configuration PID. */
    static final String PID = "org.apache.felix.http";
    private static final Logger LOG = System.getLogger(JettyConfiguration.class.getName());

    private static final long STOP_WAIT_SECONDS = 10;

    private final BundleContext context;
    private final Configuration configuration;

    @Activate
    public JettyConfiguration(BundleContext context, @Reference HttpEdge edge, @Reference ConfigurationAdmin admin)
            throws IOException {
        this.context = context;
        this.configuration = configure(edge, admin);
    }

    @Deactivate
    void deactivate() throws IOException, InterruptedException {
        if (configuration == null || context.getBundle(0).getState() == Bundle.STOPPING) {
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        ServiceListener listener = event -> {
            if (event.getType() == ServiceEvent.UNREGISTERING) {
                stopped.countDown();
            }
        };
        try {
            context.addServiceListener(listener, "(objectClass=" + HttpServiceRuntime.class.getName() + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("a constant filter", e);
        }
        try {
            boolean running = context.getServiceReference(HttpServiceRuntime.class) != null;
            configuration.delete();
            if (running && !stopped.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "Jetty did not stop within " + STOP_WAIT_SECONDS + " s of its configuration's removal");
            }
        } catch (IllegalStateException e) {
            // Config Admin is stopping too: Jetty's bundle goes with the rest of the feature
        } finally {
            context.removeServiceListener(listener);
        }
    }

    private static Configuration configure(HttpEdge edge, ConfigurationAdmin admin) throws IOException {
        if (edge.settings().isEmpty()) {
            LOG.log(Level.ERROR, "HTTP not started: " + edge.problem());
            return null;
        }
        Optional<String> taken = unbindable(edge.settings().get());
        if (taken.isPresent()) {
            LOG.log(Level.ERROR, "HTTP not started: " + taken.get());
            return null;
        }
        // "?": a multi-location, so Felix HTTP's bundle receives what this bundle writes
        Configuration configuration = admin.getConfiguration(PID, "?");
        configuration.update(jettyProperties(edge.settings().get()));
        return configuration;
    }

    /**
     * Why Jetty could not bind the configured address, tried here first: Jetty would only log it in its own
     * words and leave the feature half up. (Another process may still take the port in between; then
     * Jetty's log says so.)
     */
    static Optional<String> unbindable(HttpSettings settings) {
        if (settings.port() == 0) {
            return Optional.empty();
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(settings.bindAddress()), settings.port()));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot listen on " + settings.bindAddress() + " port " + settings.port() + ": "
                    + e.getMessage() + " (set http.port in server.yml to a free port, or 0 for any)");
        }
    }

    static Dictionary<String, Object> jettyProperties(HttpSettings settings) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("org.apache.felix.http.host", settings.bindAddress());
        properties.put("org.osgi.service.http.port", Integer.toString(settings.port()));
        properties.put("org.apache.felix.http.enable", "true");
        properties.put("org.apache.felix.https.enable", "false");
        // an unauthenticated client learns nothing, not even the server's make
        properties.put("org.apache.felix.http.jetty.sendServerHeader", "false");
        return properties;
    }
}
