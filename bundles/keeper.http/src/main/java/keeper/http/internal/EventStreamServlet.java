package keeper.http.internal;

import java.io.IOException;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import keeper.http.KeeperHttp;
import keeper.protocol.Json;

/**
 * {@code GET /api/events}: Server-Sent Events of every child transition, from {@link ChildEventFeed}.
 * The stream opens with a comment line, so a client knows it is subscribed before it acts.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(KeeperHttp.CONTEXT_SELECT)
@HttpWhiteboardServletPattern("/api/events")
@HttpWhiteboardServletAsyncSupported
public final class EventStreamServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String OPENED = ": keeper events\n\n";

    private final transient ChildEventFeed feed;

    @Activate
    public EventStreamServlet(@Reference ChildEventFeed feed) {
        this.feed = feed;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AsyncContext async = EventStream.open(request, response);
        EventStream stream = feed.stream(async);
        if (!feed.open(stream)) {
            response.reset();
            ApiServlet.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    Json.object().put("error", "too many event streams are open").toString());
            async.complete();
            return;
        }
        stream.send(OPENED);
    }
}
