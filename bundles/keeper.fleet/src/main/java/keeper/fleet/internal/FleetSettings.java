package keeper.fleet.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code fleet:} section of server.yml.
 *
 * @param zookeeper      the ensemble, a ZooKeeper connect string: {@code zk1:2181,zk2:2181}, with an optional
 *                       chroot ({@code zk1:2181/prod}) to keep several fleets apart on one ensemble
 * @param groups         the groups this server is a member of, at least one
 * @param sessionTimeout how long ZooKeeper keeps the registration of a server it no longer hears from
 * @param advertise      the host name or address clients should use, when the listener's own is not it
 * @param digest         {@code user:password} for ZooKeeper's digest scheme: registrations are then writable by
 *                       that user only (and readable by all), see docs/fleet.md
 */
record FleetSettings(String zookeeper, List<String> groups, Duration sessionTimeout, Optional<String> advertise,
        Optional<String> digest) {

    static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(30);

    FleetSettings {
        groups = List.copyOf(groups);
    }
}
