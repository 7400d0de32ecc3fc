package keeper.http;

/**
 * How a feature serves HTTP beside Keeper's API: register a servlet (or resource) with the OSGi Servlet
 * Whiteboard, selecting Keeper's servlet context, e.g.
 *
 * <pre>
 * &#64;Component(service = Servlet.class)
 * &#64;HttpWhiteboardContextSelect(KeeperHttp.CONTEXT_SELECT)
 * &#64;HttpWhiteboardServletPattern("/metrics")
 * </pre>
 *
 * The context is served only while the http feature is installed and applies the http feature's
 * security to every request of the servlets in it (docs/http.md), so a servlet there never sees a
 * request the API itself would refuse.
 */
public final class KeeperHttp {

    /** {@code osgi.http.whiteboard.context.name} of Keeper's servlet context. */
    public static final String CONTEXT_NAME = "keeper";

    /** The root path of Keeper's servlet context. */
    public static final String CONTEXT_PATH = "/";

    /** {@code osgi.http.whiteboard.context.select} value that puts a servlet into Keeper's context. */
    public static final String CONTEXT_SELECT = "(osgi.http.whiteboard.context.name=" + CONTEXT_NAME + ")";

    private KeeperHttp() {
    }
}
