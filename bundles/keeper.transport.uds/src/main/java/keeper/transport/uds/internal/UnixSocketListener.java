package keeper.transport.uds.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import keeper.api.CommandDispatcher;
import keeper.api.KeeperProperties;
import keeper.api.spi.transport.Listener;
import keeper.protocol.RequestServer;

/**
 * Listens on {@code <keeper.state>/keeper.sock} for local control. The {@link Listener} service is
 * registered by hand, after the bind succeeded, so that it is present exactly while requests are
 * accepted.
 */
@Component(service = {}, immediate = true)
public final class UnixSocketListener {

    private static final System.Logger LOG = System.getLogger(UnixSocketListener.class.getName());

    /** Socket file name inside the state directory. */
    static final String SOCKET_NAME = "keeper.sock";

    /** Tuning; the defaults suit local control. */
    @interface Config {
        /** Requests served at once (and as many more queued). */
        int workers() default 4;

        /** Milliseconds a client may take from connecting to the end of its request, and again to read the reply. */
        long readTimeoutMillis() default 5000;

        /** Connections open at once; when full, the one that has been sending its request the longest makes room. */
        int connections() default 64;
    }

    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final UnixSocketServer server;
    private final ServiceRegistration<Listener> registration;

    @Activate
    public UnixSocketListener(BundleContext context, @Reference CommandDispatcher dispatcher, Config config)
            throws IOException {
        Path socket = socketPath(context);
        try {
            Duration deadline = Duration.ofMillis(config.readTimeoutMillis());
            // Every caller is the socket's owner: one address, so the per-address cap is the total.
            server = UnixSocketServer.start(socket, serverId(context), dispatcher, new RequestServer.Limits(deadline, deadline,
                    config.workers(), config.workers(), config.connections(), config.connections(), DRAIN));
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot listen on " + socket + ": " + e.getMessage());
            throw e;
        }
        String address = server.address();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Listener.ADDRESS, address);
        registration = context.registerService(Listener.class, () -> address, properties);
        LOG.log(Level.INFO, "listening on " + address);
    }

    @Deactivate
    void deactivate() throws IOException {
        registration.unregister();
        server.close();
    }

    private static String serverId(BundleContext context) throws IOException {
        String id = context.getProperty(KeeperProperties.SERVER_ID);
        if (id == null) {
            throw new IOException("framework property " + KeeperProperties.SERVER_ID
                    + " is not set (keeper-server sets it from <state>/server-id)");
        }
        return id;
    }

    private static Path socketPath(BundleContext context) throws IOException {
        String state = context.getProperty(KeeperProperties.STATE_DIR);
        if (state == null) {
            throw new IOException("framework property " + KeeperProperties.STATE_DIR
                    + " is not set: the Unix socket lives in the state directory");
        }
        Path dir = Path.of(state).toAbsolutePath();
        Files.createDirectories(dir);
        return dir.resolve(SOCKET_NAME);
    }
}
