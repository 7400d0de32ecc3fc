package keeper.http.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.HttpServiceRuntimeConstants;

import keeper.api.spi.transport.Listener;

/**
 * Tells where HTTP listens once Jetty is up: a {@link Listener} with {@code keeper.listen=http://host:port}
 * (shown by {@code info} and the launcher's ready line) and a log line. Jetty registers its runtime
 * service only after binding, with the bound endpoint, so with port 0 the real port is what is told.
 */
@Component(service = {}, immediate = true)
public final class HttpListener {

    private static final Logger LOG = System.getLogger(HttpListener.class.getName());

    private final ServiceRegistration<Listener> registration;

    @Activate
    public HttpListener(BundleContext context,
            @Reference(service = HttpServiceRuntime.class) Map<String, Object> runtime) {
        String address = address(runtime.get(HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT));
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Listener.ADDRESS, address);
        this.registration = context.registerService(Listener.class, () -> address, properties);
        LOG.log(Level.INFO, "HTTP listening on {0}", address);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }

    /** The first endpoint, without the trailing slash of the root context: {@code http://127.0.0.1:33890}. */
    static String address(Object endpoints) {
        String first = endpoints instanceof String[] array && array.length > 0 ? array[0] : String.valueOf(endpoints);
        return first.endsWith("/") ? first.substring(0, first.length() - 1) : first;
    }
}
