package keeper.web.internal;

import java.io.IOException;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The servlet context of the dashboard's own files, at {@value DashboardServlet#PATH}. Unlike Keeper's
 * context it asks no token: a browser cannot attach one to a page load, and the files hold no fact of the
 * server (the page asks the API for everything, with the token the user gives it, and the API's own
 * checks apply there). Only reading is let in.
 */
@Component(service = ServletContextHelper.class)
@HttpWhiteboardContext(name = DashboardContext.NAME, path = DashboardServlet.PATH)
public final class DashboardContext extends ServletContextHelper {

    static final String NAME = "keeper.web";
    static final String SELECT = "(osgi.http.whiteboard.context.name=" + NAME + ")";

    private static final Set<String> READS = Set.of("GET", "HEAD");

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (READS.contains(request.getMethod())) {
            return true;
        }
        response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        return false;
    }
}
