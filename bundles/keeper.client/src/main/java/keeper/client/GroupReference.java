package keeper.client;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import keeper.api.spi.transport.Endpoint;

/**
 * {@code on group:NAME} (the registry comes from the client's settings) and {@code on zk://HOST:PORT,.../NAME}
 * (the registry written out): hosts that are not hosts yet, but the live members of a fleet group. They
 * travel as endpoints of scheme {@value #SCHEME} until {@link GroupResolver} replaces them.
 */
public final class GroupReference {

    /** The scheme of an endpoint standing for a group; its host is the group's name. */
    public static final String SCHEME = "group";
    /** The endpoint parameter naming the registry written in {@code zk://}; absent for {@code group:NAME}. */
    public static final String REGISTRY = "zookeeper";

    private static final String GROUP_PREFIX = "group:";
    private static final String ZK_PREFIX = "zk://";
    /** What the server accepts in {@code fleet.groups}: a ZooKeeper node name that needs no escaping. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern CONNECT = Pattern.compile("[A-Za-z0-9_.:\\[\\]-]+(,[A-Za-z0-9_.:\\[\\]-]+)*(/[A-Za-z0-9_.-]+)*");

    private GroupReference() {
    }

    /** Whether {@code written} is a group rather than a host: it then is one word, never split at commas. */
    public static boolean isGroup(String written) {
        String text = written.strip();
        return text.startsWith(GROUP_PREFIX) || text.startsWith(ZK_PREFIX);
    }

    /** {@code host:port[,host:port...][/chroot]}, as ZooKeeper takes it. */
    static boolean isConnectString(String written) {
        return CONNECT.matcher(written).matches();
    }

    /** {@code zk://...}: its connect string has commas of its own, so it is never split as a host list. */
    static boolean isZooKeeper(String written) {
        return written.strip().startsWith(ZK_PREFIX);
    }

    /** {@code group:NAME} or {@code zk://CONNECT/NAME} as an endpoint of scheme {@value #SCHEME}. */
    public static Endpoint parse(String written) throws UsageException {
        String text = written.strip();
        if (text.startsWith(GROUP_PREFIX)) {
            return endpoint(text, name(text, text.substring(GROUP_PREFIX.length())), Map.of());
        }
        String rest = text.substring(ZK_PREFIX.length());
        // the last '/' ends the connect string, which may carry a chroot of its own: zk://zk1:2181/prod/web
        int slash = rest.lastIndexOf('/');
        if (slash <= 0) {
            throw bad(text, "write zk://HOST:PORT[,HOST:PORT...]/GROUP, e.g. zk://zk1:2181/web");
        }
        String registry = rest.substring(0, slash);
        if (!CONNECT.matcher(registry).matches()) {
            throw bad(text, "'" + registry + "' is not a list of ZooKeeper HOST:PORT");
        }
        return endpoint(text, name(text, rest.substring(slash + 1)), Map.of(REGISTRY, registry));
    }

    /** The registry of a group endpoint: written in it, or else {@code fallback}. */
    public static boolean isGroup(Endpoint endpoint) {
        return endpoint.scheme().equals(SCHEME);
    }

    static Optional<String> registry(Endpoint group, Optional<String> fallback) {
        String written = group.params().get(REGISTRY);
        return written != null ? Optional.of(written) : fallback;
    }

    private static Endpoint endpoint(String text, String name, Map<String, String> params) {
        return new Endpoint(SCHEME, null, name, -1, params, text);
    }

    private static String name(String text, String name) throws UsageException {
        if (!NAME.matcher(name).matches()) {
            throw bad(text, "'" + name + "' is not a group name (letters, digits, '_', '.', '-'; at most 64)");
        }
        return name;
    }

    private static UsageException bad(String text, String reason) {
        return new UsageException("bad group '" + text + "': " + reason);
    }
}
