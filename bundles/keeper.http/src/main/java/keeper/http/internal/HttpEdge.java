package keeper.http.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import keeper.api.ConfigException;
import keeper.api.ConfigSource;
import keeper.api.KeeperProperties;
import keeper.protocol.RefusalLog;

/**
 * The one place a request of Keeper's servlet context is let in or refused, decided once per feature
 * start from server.yml's http section and the launcher's encrypt: with authentication required (beyond
 * loopback, or encrypt on) a request needs a bearer token of {@code <state>/http-tokens}; on loopback
 * without it, the {@link RequestGuard}'s browser checks. Refusals go through the same bounded, escaped
 * {@link RefusalLog} as the TCP edge, so a flood cannot fill the log and no byte of a request reaches it raw.
 */
@Component(service = HttpEdge.class)
public final class HttpEdge {

    /** Request attribute set on a request that showed a valid token: the edge vouches for its caller. */
    static final String AUTHENTICATED = "keeper.http.authenticated";
    private static final Logger LOG = System.getLogger(HttpEdge.class.getName());
    private static final String BEARER = "Bearer ";

    /** A refused request: the HTTP status and the words the client and the log get. */
    record Refusal(int status, String reason) {
    }

    private final HttpSettings settings;
    private final String problem;
    private final BearerTokens tokens;
    private final RequestGuard guard;
    private final RefusalLog refusals = new RefusalLog(LOG);

    @Activate
    public HttpEdge(BundleContext context, @Reference ConfigSource config) {
        boolean encrypt = Boolean.parseBoolean(context.getProperty(KeeperProperties.ENCRYPT));
        HttpSettings read = null;
        BearerTokens opened = null;
        String why = null;
        try {
            read = HttpSettings.read(config, encrypt);
            opened = read.authRequired() ? BearerTokens.open(Path.of(context.getProperty(KeeperProperties.STATE_DIR))) : null;
        } catch (ConfigException e) {
            why = e.getMessage();
        } catch (IOException | RuntimeException e) {
            why = "requests must authenticate (" + (encrypt ? "encrypt is on" : "listener_addr is beyond loopback")
                    + ") but the bearer tokens cannot be used: " + e.getMessage();
        }
        this.settings = why == null ? read : null;
        this.problem = why;
        this.tokens = opened;
        this.guard = new RequestGuard(read != null ? read.bindAddress() : HttpSettings.LOOPBACK, opened == null);
        if (opened != null) {
            LOG.log(Level.INFO, "HTTP requests must carry a bearer token of {0}", opened.file());
        }
    }

    @Deactivate
    void deactivate() {
        refusals.flush();
    }

    /** Where and how HTTP serves; empty when it must not (then {@link #problem()} says why). */
    Optional<HttpSettings> settings() {
        return Optional.ofNullable(settings);
    }

    String problem() {
        return problem;
    }

    Optional<Refusal> refusal(HttpServletRequest request) {
        Optional<Refusal> refusal = decide(request);
        refusal.ifPresent(r -> refusals.refused(request.getRemoteAddr(), r.reason(), "refused HTTP "
                + request.getMethod() + " " + request.getRequestURI() + " from " + request.getRemoteAddr() + ": "
                + r.reason() + " (Host " + request.getHeader("Host") + ", Origin " + request.getHeader("Origin") + ")"));
        return refusal;
    }

    private Optional<Refusal> decide(HttpServletRequest request) {
        if (settings == null) {
            return Optional.of(new Refusal(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "HTTP is not configured"));
        }
        if (tokens != null) {
            String authorization = request.getHeader("Authorization");
            String token = authorization != null && authorization.startsWith(BEARER)
                    ? authorization.substring(BEARER.length()).strip() : null;
            if (!tokens.accepts(token)) {
                return Optional.of(new Refusal(HttpServletResponse.SC_UNAUTHORIZED, "authentication required"));
            }
            request.setAttribute(AUTHENTICATED, Boolean.TRUE);
        }
        return guard.refusal(request.getMethod(), request.getHeader("Host"), request.getHeader("Origin"),
                request.getHeader("Sec-Fetch-Site"), request.getHeader(RequestGuard.HEADER))
                .map(reason -> new Refusal(HttpServletResponse.SC_FORBIDDEN, reason));
    }
}
