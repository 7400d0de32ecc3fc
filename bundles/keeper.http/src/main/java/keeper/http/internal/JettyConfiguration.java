package keeper.http.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Hands Felix HTTP its port and address from server.yml, through Config Admin: the launcher sets
 * {@value #REQUIRE_CONFIG}, so Jetty binds nothing until this configuration exists and closes its port
 * when it is deleted, which happens when this bundle stops (feature-uninstall http).
 */
@Component(service = {}, immediate = true)
public final class JettyConfiguration {

    /** Felix HTTP's configuration PID. */
    static final String PID = "org.apache.felix.http";
    /** The framework property that keeps Jetty closed until configured (set by the launcher). */
    static final String REQUIRE_CONFIG = "org.apache.felix.http.require.config";
    private static final Logger LOG = System.getLogger(JettyConfiguration.class.getName());

    private final Configuration configuration;

    @Activate
    public JettyConfiguration(@Reference HttpEdge edge, @Reference ConfigurationAdmin admin) throws IOException {
        this.configuration = configure(edge, admin);
    }

    @Deactivate
    void deactivate() throws IOException {
        if (configuration != null) {
            configuration.delete();
        }
    }

    private static Configuration configure(HttpEdge edge, ConfigurationAdmin admin) throws IOException {
        if (edge.settings().isEmpty()) {
            LOG.log(Level.ERROR, "HTTP not started: " + edge.problem());
            return null;
        }
        // "?": a multi-location, so Felix HTTP's bundle receives what this bundle writes
        Configuration configuration = admin.getConfiguration(PID, "?");
        configuration.update(jettyProperties(edge.settings().get()));
        return configuration;
    }

    static Dictionary<String, Object> jettyProperties(HttpSettings settings) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("org.apache.felix.http.host", settings.bindAddress());
        properties.put("org.osgi.service.http.port", Integer.toString(settings.port()));
        properties.put("org.apache.felix.http.enable", "true");
        properties.put("org.apache.felix.https.enable", "false");
        // an unauthenticated client learns nothing, not even the server's make
        properties.put("org.apache.felix.http.jetty.sendServerHeader", "false");
        return properties;
    }
}
