package keeper.fleet.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import keeper.api.ConfigException;
import keeper.api.ConfigSection;
import keeper.client.GroupReference;

/** Reads {@code fleet:} of server.yml; every mistake is an error naming the file, line and field. */
final class FleetSettingsReader {

    private static final Set<String> FIELDS = Set.of("zookeeper", "groups", "session_timeout", "advertise", "digest");
    private static final Pattern ENSEMBLE = Pattern.compile("[A-Za-z0-9_.:\\[\\]-]+(,[A-Za-z0-9_.:\\[\\]-]+)*(/[A-Za-z0-9_.-]+)*");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_.:-]{1,255}");
    private static final Pattern DIGEST = Pattern.compile("[^:\\s]+:\\S+");

    private FleetSettingsReader() {
    }

    static FleetSettings read(ConfigSection fleet) throws ConfigException {
        fleet.allowOnly(FIELDS);
        String zookeeper = fleet.text("zookeeper").orElseThrow(() -> fleet.problem(null,
                "needs zookeeper: the ensemble to register in, e.g. zookeeper: \"zk1:2181,zk2:2181\""));
        if (!ENSEMBLE.matcher(zookeeper).matches()) {
            throw fleet.problem("zookeeper", "'" + zookeeper + "' is not a ZooKeeper connect string such as"
                    + " zk1:2181,zk2:2181 (optionally with a chroot: zk1:2181/prod)");
        }
        List<String> groups = fleet.texts("groups");
        if (groups.isEmpty()) {
            throw fleet.problem(null, "needs groups: the groups this server is in, e.g. groups: [web, eu-west]");
        }
        for (String group : groups) {
            if (!GroupReference.NAME.matcher(group).matches()) {
                throw fleet.problem("groups", "'" + group + "' is not a group name (letters, digits, '_', '.', '-';"
                        + " at most 64, starting with a letter or digit)");
            }
        }
        Duration session = Duration.ofSeconds(fleet.wholeNumber("session_timeout", 1, 3600)
                .orElse(FleetSettings.DEFAULT_SESSION_TIMEOUT.toSeconds()));
        Optional<String> advertise = fleet.text("advertise");
        if (advertise.isPresent() && !HOST.matcher(advertise.get()).matches()) {
            throw fleet.problem("advertise", "'" + advertise.get() + "' is not a host name or address");
        }
        Optional<String> digest = fleet.text("digest");
        if (digest.isPresent() && !DIGEST.matcher(digest.get()).matches()) {
            throw fleet.problem("digest", "write user:password");
        }
        return new FleetSettings(zookeeper, groups, session, advertise, digest);
    }
}
