package keeper.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

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

import keeper.api.CommandDispatcher;
import keeper.api.spi.auth.Envelope;
import keeper.api.spi.command.Caller;
import keeper.api.spi.command.Reply;
import keeper.http.KeeperHttp;
import keeper.protocol.Json;
import keeper.protocol.WireFormat;

/**
 * The JSON API under {@code /api/} (docs/http.md): each call is a command line ({@link ApiCall}) sent
 * through the {@link CommandDispatcher}, like every other front end's. A read answers keeper.command's
 * JSON document of the command; an action answers {@code {"ok": ..., "message": ...}} with the
 * command's words; a log answers its lines, or follows them as Server-Sent Events ({@link LogFollows}).
 * Requests reach this servlet only past the {@link HttpEdge}.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(KeeperHttp.CONTEXT_SELECT)
@HttpWhiteboardServletPattern("/api/*")
@HttpWhiteboardServletAsyncSupported
public final class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String TRANSPORT = "http";

    private final transient CommandDispatcher dispatcher;
    private final transient LogFollows logFollows;

    @Activate
    public ApiServlet(@Reference CommandDispatcher dispatcher, @Reference LogFollows logFollows) {
        this.dispatcher = dispatcher;
        this.logFollows = logFollows;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<ApiCall> call = ApiCall.of(request.getMethod(), request.getPathInfo(), request::getParameter);
        if (call.isEmpty()) {
            write(response, HttpServletResponse.SC_NOT_FOUND, Json.object().put("error", "no such API call").toString());
            return;
        }
        Reply reply = dispatcher.dispatch(Envelope.unsigned(WireFormat.VERSION, call.get().line()), caller(request));
        if (reply.ok() && reply.feed() != null) {
            follow(request, response, reply);
            return;
        }
        int status = reply.ok() ? HttpServletResponse.SC_OK : call.get().kind().failureStatus();
        write(response, status, switch (call.get().kind()) {
            case ACTION -> Json.object().put("ok", reply.ok()).put("message", reply.text()).toString();
            case LOG, LOG_FOLLOW -> reply.ok() ? LogLines.document(reply.text())
                    : Json.object().put("error", reply.text()).toString();
            case READ, READ_CHILD -> reply.text();
        });
    }

    private void follow(HttpServletRequest request, HttpServletResponse response, Reply reply) throws IOException {
        AsyncContext async = EventStream.open(request, response);
        if (!logFollows.follow(async, reply.text(), reply.feed())) {
            response.reset();
            write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    Json.object().put("error", "too many logs are followed").toString());
            async.complete();
        }
    }

    /** A caller whose bearer token the edge checked is trusted, as the Unix socket's owner is: no signature needed. */
    static Caller caller(HttpServletRequest request) {
        return new Caller(TRANSPORT, request.getRemoteAddr() + ":" + request.getRemotePort(),
                Boolean.TRUE.equals(request.getAttribute(HttpEdge.AUTHENTICATED)));
    }

    static void write(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        // a browser never takes a child's bytes in a JSON document for a page or a script
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }
}
