package keeper.http.internal;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

import keeper.http.KeeperHttp;
import keeper.protocol.Json;

/**
 * Keeper's servlet context: the API and every feature's servlets live in it (selected with
 * {@link KeeperHttp#CONTEXT_SELECT}), so they share one path space and one security check, the
 * {@link RequestGuard}'s. It outranks the whiteboard's default context, which has the same root path.
 * One instance per bundle using it, so that a feature's static resources are looked up in that
 * feature's own bundle.
 */
@Component(service = ServletContextHelper.class, scope = ServiceScope.BUNDLE)
@HttpWhiteboardContext(name = KeeperHttp.CONTEXT_NAME, path = KeeperHttp.CONTEXT_PATH)
public final class KeeperServletContext extends ServletContextHelper {

    private final HttpEdge edge;

    @Activate
    public KeeperServletContext(ComponentContext context, @Reference HttpEdge edge) {
        super(context.getUsingBundle());
        this.edge = edge;
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<HttpEdge.Refusal> refusal = edge.refusal(request);
        if (refusal.isEmpty()) {
            return true;
        }
        if (refusal.get().status() == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        ApiServlet.write(response, refusal.get().status(), Json.object().put("error", refusal.get().reason()).toString());
        return false;
    }
}
