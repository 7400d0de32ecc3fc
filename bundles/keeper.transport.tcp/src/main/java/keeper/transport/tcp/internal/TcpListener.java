package keeper.transport.tcp.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import keeper.api.CommandDispatcher;
import keeper.api.ConfigException;
import keeper.api.ConfigSource;
import keeper.api.KeeperProperties;
import keeper.api.ServerConfig;
import keeper.api.spi.transport.Listener;

/**
 * The server's TCP transport: binds the address and port of server.yml, then registers a
 * {@link Listener} service. The service is registered by hand, and only after the bind succeeded,
 * because the launcher takes its appearance to mean "the server is ready"; a bind failure goes to
 * the launcher's fatal sink instead, so the server exits with the reason rather than hanging.
 */
@Component(service = {}, immediate = true)
public final class TcpListener {

    private static final Logger LOG = System.getLogger(TcpListener.class.getName());

    private final TcpServer server;
    private final ServiceRegistration<Listener> registration;

    @Activate
    public TcpListener(BundleContext context, @Reference ConfigSource config, @Reference CommandDispatcher dispatcher,
            @Reference(service = Consumer.class, cardinality = ReferenceCardinality.OPTIONAL,
                    policyOption = ReferencePolicyOption.GREEDY, target = KeeperProperties.FATAL_SINK_FILTER)
            Consumer<String> fatalSink) {
        this.server = listen(context.getProperty(KeeperProperties.SERVER_ID), config, dispatcher, fatalSink);
        this.registration = server == null ? null : register(context, server);
    }

    @Deactivate
    void deactivate() throws IOException {
        if (registration != null) {
            registration.unregister();
            server.close();
        }
    }

    private static TcpServer listen(String serverId, ConfigSource config, CommandDispatcher dispatcher,
            Consumer<String> fatalSink) {
        if (serverId == null) {
            fail(fatalSink, "cannot start the TCP listener: framework property " + KeeperProperties.SERVER_ID
                    + " is not set (keeper-server sets it from <state>/server-id)");
            return null;
        }
        String where = "the address of server.yml";
        try {
            ServerConfig server = config.server();
            where = TcpAddresses.hostPort(server.bindAddress(), server.port());
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(server.bindAddress()), server.port());
            return TcpServer.start(address, serverId, dispatcher, TcpServer.DEFAULT_LIMITS);
        } catch (ConfigException e) {
            // The words of keeper.process's startup run, which finds the same file broken: whichever tells the
            // launcher first, the user reads the same one error.
            fail(fatalSink, "invalid server config:\n" + e.getMessage());
        } catch (IOException e) {
            fail(fatalSink, SocketFailures.bind(where, e));
        }
        return null;
    }

    private static ServiceRegistration<Listener> register(BundleContext context, TcpServer server) {
        String address = TcpAddresses.uri(server.address());
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Listener.ADDRESS, address);
        ServiceRegistration<Listener> registration = context.registerService(Listener.class, new TcpAddress(address),
                properties);
        LOG.log(Level.INFO, "listening on {0}", address);
        return registration;
    }

    /** The launcher prints what its fatal sink is told, so the log repeats it only when there is none. */
    private static void fail(Consumer<String> fatalSink, String reason) {
        if (fatalSink != null) {
            fatalSink.accept(reason);
        } else {
            LOG.log(Level.ERROR, reason);
        }
    }
}
