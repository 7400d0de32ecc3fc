package keeper.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import keeper.api.CommandDispatcher;
import keeper.api.spi.auth.Envelope;
import keeper.api.spi.command.Caller;
import keeper.api.spi.command.Reply;
import keeper.http.KeeperHttp;
import keeper.protocol.WireFormat;

/**
 * The JSON API under {@code /api/} (docs/http.md): each call is a command line sent through the
 * {@link CommandDispatcher}, like every other front end's, and answers keeper.command's JSON document.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(KeeperHttp.CONTEXT_SELECT)
@HttpWhiteboardServletPattern("/api/*")
public final class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String TRANSPORT = "http";

    private final transient CommandDispatcher dispatcher;

    @Activate
    public ApiServlet(@Reference CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/info".equals(request.getPathInfo())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Reply reply = dispatcher.dispatch(Envelope.unsigned(WireFormat.VERSION, "info --json"), caller(request));
        response.setStatus(reply.ok() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        response.setContentType("application/json");
        response.getOutputStream().write(reply.text().getBytes(StandardCharsets.UTF_8));
    }

    private static Caller caller(HttpServletRequest request) {
        return new Caller(TRANSPORT, request.getRemoteAddr() + ":" + request.getRemotePort(), false);
    }
}
