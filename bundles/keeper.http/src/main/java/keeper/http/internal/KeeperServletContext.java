package keeper.http.internal;

import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

import keeper.http.KeeperHttp;

/**
 * Keeper's servlet context: the API and every feature's servlets live in it (selected with
 * {@link KeeperHttp#CONTEXT_SELECT}), so they share one path space and one security check. It outranks
 * the whiteboard's default context, which has the same root path. One instance per bundle using it, so
 * that a feature's static resources are looked up in that feature's own bundle.
 */
@Component(service = ServletContextHelper.class, scope = ServiceScope.BUNDLE)
@HttpWhiteboardContext(name = KeeperHttp.CONTEXT_NAME, path = KeeperHttp.CONTEXT_PATH)
public final class KeeperServletContext extends ServletContextHelper {

    @Activate
    public KeeperServletContext(ComponentContext context) {
        super(context.getUsingBundle());
    }
}
