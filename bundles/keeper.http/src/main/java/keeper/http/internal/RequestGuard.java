package keeper.http.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a request must show before any servlet in Keeper's context sees it, even on loopback, where a
 * browser on the same machine is the danger (docs/security.md, "HTTP"):
 * <ul>
 * <li>its {@code Host} names this server by a loopback name or the configured address, so a web page
 *     whose own name resolves to 127.0.0.1 (DNS rebinding) gets nothing; not checked when requests carry a
 *     bearer token (a page cannot attach one), since a server beyond loopback has names of its own;</li>
 * <li>an {@code Origin}, when sent, is this server too (a browser sends it on cross-site fetches);</li>
 * <li>a state change (anything but GET and HEAD) carries {@value #HEADER}, which a cross-site form cannot
 *     send and a cross-site script cannot send without a CORS approval that is never given, and is not
 *     marked {@code Sec-Fetch-Site: cross-site}.</li>
 * </ul>
 * Plain Java, so the rules are tested without a server.
 */
final class RequestGuard {

    /** The header a state-changing request must carry, with any value (docs/http.md). */
    static final String HEADER = "X-Keeper-Request";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    private final Set<String> hosts;
    private final boolean checkHost;

    /**
     * @param bindAddress the configured listener address, also accepted as a Host
     * @param checkHost   whether the Host must name this server: without bearer tokens
     */
    RequestGuard(String bindAddress, boolean checkHost) {
        this.checkHost = checkHost;
        String own = bindAddress.contains(":") && !bindAddress.startsWith("[") ? "[" + bindAddress + "]" : bindAddress;
        this.hosts = Set.copyOf(union(LOOPBACK_NAMES, own.toLowerCase(Locale.ROOT)));
    }

    /**
     * Why the request is refused, in words that stay the same for the same cause (they are the
     * refusal log's key and the reply's {@code error}), or empty when it may pass.
     */
    Optional<String> refusal(String method, String host, String origin, String fetchSite, String keeperHeader) {
        if (checkHost && (host == null || !hosts.contains(hostPart(host)))) {
            return Optional.of("the Host header does not name this server");
        }
        if (origin != null && !isOwn(origin)) {
            return Optional.of("the Origin header names another site");
        }
        if (!SAFE_METHODS.contains(method)) {
            if (keeperHeader == null || keeperHeader.isBlank()) {
                return Optional.of("a state change must carry the header " + HEADER);
            }
            if ("cross-site".equalsIgnoreCase(fetchSite)) {
                return Optional.of("a state change from another site");
            }
        }
        return Optional.empty();
    }

    /** {@code 127.0.0.1:33890} -> {@code 127.0.0.1}; {@code [::1]:33890} -> {@code [::1]}. */
    private static String hostPart(String host) {
        String lower = host.strip().toLowerCase(Locale.ROOT);
        int colon = lower.lastIndexOf(':');
        return colon > lower.lastIndexOf(']') ? lower.substring(0, colon) : lower;
    }

    private boolean isOwn(String origin) {
        try {
            URI uri = new URI(origin.strip());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && hosts.contains(uri.getHost().toLowerCase(Locale.ROOT));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Set<String> union(Set<String> names, String name) {
        Set<String> all = new HashSet<>(names);
        all.add(name);
        return all;
    }
}
