package keeper.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The dashboard's three files at {@value #PATH}, in their own {@link DashboardContext}. They hold no data
 * (the page asks the API for everything, with the token when one is needed), so they are served to anyone
 * who reaches the HTTP port; the headers keep the page from being framed (clickjacking its buttons) and
 * from loading anything but its own files.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(DashboardContext.SELECT)
@HttpWhiteboardServletPattern("/*")
public final class DashboardServlet extends HttpServlet {

    static final String PATH = "/ui";

    private static final long serialVersionUID = 1L;

    private record Page(String contentType, byte[] bytes) {
    }

    private final transient Map<String, Page> pages = Map.of(
            "/", load("index.html", "text/html; charset=utf-8"),
            "/dashboard.js", load("dashboard.js", "text/javascript; charset=utf-8"),
            "/dashboard.css", load("dashboard.css", "text/css; charset=utf-8"));

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null) {
            response.sendRedirect(PATH + "/");
            return;
        }
        Page page = pages.get(path);
        if (page == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType(page.contentType());
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy",
                "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self';"
                        + " form-action 'none'; base-uri 'none'; frame-ancestors 'none'");
        response.setContentLength(page.bytes().length);
        response.getOutputStream().write(page.bytes());
    }

    private static Page load(String file, String contentType) {
        try (InputStream in = DashboardServlet.class.getResourceAsStream("/keeper/web/ui/" + file)) {
            if (in == null) {
                throw new IllegalStateException("keeper.web is built without its page " + file);
            }
            return new Page(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
