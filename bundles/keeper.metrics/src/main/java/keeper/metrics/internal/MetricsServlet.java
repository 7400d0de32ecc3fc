package keeper.metrics.internal;

import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import keeper.http.KeeperHttp;

/** {@code GET /metrics}: the scrape, gathered for each request (docs/metrics.md). */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(KeeperHttp.CONTEXT_SELECT)
@HttpWhiteboardServletPattern("/metrics")
public final class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Exposition exposition;

    @Activate
    public MetricsServlet(@Reference Exposition exposition) {
        this.exposition = exposition;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType(Exposition.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        exposition.write(response.getOutputStream());
    }
}
