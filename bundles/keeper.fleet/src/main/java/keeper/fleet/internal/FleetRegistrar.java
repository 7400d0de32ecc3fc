package keeper.fleet.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import keeper.api.ConfigException;
import keeper.api.ConfigSection;
import keeper.api.ConfigSource;
import keeper.api.KeeperProperties;
import keeper.api.ServerConfig;
import keeper.api.spi.transport.Listener;
import keeper.client.FleetMember;

/**
 * Registers this server in ZooKeeper while its TCP listener is up, as {@code fleet:} in server.yml says:
 * its id, the listener's address, its groups, version and trusted keys. The registration goes when the
 * listener or this bundle stops. Nothing here ever stops the server: a bad {@code fleet:} section is logged
 * as the config error it is, and ZooKeeper is reached in the background.
 */
@Component(service = {}, immediate = true)
public final class FleetRegistrar {

    private static final Logger LOG = System.getLogger(FleetRegistrar.class.getName());
    static final String SECTION = "fleet";

    private final ServerRegistration registration;

    @Activate
    public FleetRegistrar(BundleContext context, @Reference ConfigSource config,
            @Reference(target = "(" + Listener.ADDRESS + "=tcp://*)") Listener listener) {
        this.registration = register(context, config, listener).orElse(null);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.close();
        }
    }

    private static Optional<ServerRegistration> register(BundleContext context, ConfigSource config, Listener listener) {
        try {
            Optional<ConfigSection> section = config.section(SECTION);
            if (section.isEmpty()) {
                LOG.log(Level.WARNING, "fleet: the fleet feature is installed but server.yml has no fleet: section;"
                        + " this server is not registered (see docs/fleet.md)");
                return Optional.empty();
            }
            FleetSettings settings = FleetSettingsReader.read(section.get());
            ServerConfig server = config.server();
            FleetMember self = new FleetMember(context.getProperty(KeeperProperties.SERVER_ID),
                    advertised(listener.address(), settings.advertise()), settings.groups(),
                    String.valueOf(context.getProperty(KeeperProperties.VERSION)), KeyFingerprints.of(server.pubKeysPaths()));
            return Optional.of(ServerRegistration.start(settings, self));
        } catch (ConfigException e) {
            LOG.log(Level.ERROR, "fleet: this server is not registered: invalid server config:\n" + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The listener's address as clients elsewhere reach it: {@code fleet.advertise} when given, else the
     * listener's own address, unless that is a wildcard (every interface), which names no host: then this
     * machine's name.
     */
    static String advertised(String listenerAddress, Optional<String> advertise) {
        URI uri = URI.create(listenerAddress);
        String host = advertise.orElse(uri.getHost());
        if (advertise.isEmpty() && isWildcard(host)) {
            host = localHostName();
        }
        boolean ipv6 = host.indexOf(':') >= 0 && !host.startsWith("[");
        return uri.getScheme() + "://" + (ipv6 ? "[" + host + "]" : host) + ":" + uri.getPort();
    }

    private static boolean isWildcard(String host) {
        String bare = host.replace("[", "").replace("]", "");
        return bare.equals("0.0.0.0") || bare.equals("::") || bare.equals("0:0:0:0:0:0:0:0");
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            LOG.log(Level.WARNING, "fleet: this machine has no resolvable name; set fleet.advertise to the address"
                    + " clients should use");
            return "localhost";
        }
    }
}
