package keeper.http.internal;

import java.lang.System.Logger;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import keeper.api.ConfigException;
import keeper.api.ConfigSource;
import keeper.protocol.RefusalLog;

/**
 * The one place a request of Keeper's servlet context is checked and a refusal logged: through the same
 * bounded, escaped {@link RefusalLog} as the TCP edge, so a flood of refused requests cannot fill the log
 * and no byte of a request reaches it raw. One per server, shared by every bundle's servlet context.
 */
@Component(service = HttpEdge.class)
public final class HttpEdge {

    private static final Logger LOG = System.getLogger(HttpEdge.class.getName());

    private final RequestGuard guard;
    private final RefusalLog refusals = new RefusalLog(LOG);

    @Activate
    public HttpEdge(@Reference ConfigSource config) {
        this.guard = new RequestGuard(bindAddress(config));
    }

    @Deactivate
    void deactivate() {
        refusals.flush();
    }

    Optional<String> refusal(HttpServletRequest request) {
        Optional<String> refusal = guard.refusal(request.getMethod(), request.getHeader("Host"),
                request.getHeader("Origin"), request.getHeader("Sec-Fetch-Site"), request.getHeader(RequestGuard.HEADER));
        refusal.ifPresent(reason -> refusals.refused(request.getRemoteAddr(), reason, "refused HTTP "
                + request.getMethod() + " " + request.getRequestURI() + " from " + request.getRemoteAddr() + ": "
                + reason + " (Host " + request.getHeader("Host") + ", Origin " + request.getHeader("Origin") + ")"));
        return refusal;
    }

    /** A bad http section keeps the port closed (JettyConfiguration), so loopback is all that matters then. */
    private static String bindAddress(ConfigSource config) {
        try {
            return HttpSettings.read(config).bindAddress();
        } catch (ConfigException e) {
            return HttpSettings.LOOPBACK;
        }
    }
}
