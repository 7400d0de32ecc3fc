package keeper.metrics.internal;

import java.io.IOException;
import java.io.OutputStream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import keeper.api.ResourceMeter;
import keeper.api.Supervisor;

/**
 * Keeper's Prometheus registry: one per component (never the client's static default registry), fed by
 * the engine's and the dispatcher's events, read by the scrape. Counters start at zero when the
 * component starts; Prometheus takes that for a counter reset.
 */
@Component(service = { EventHandler.class, Exposition.class }, property = {
        EventConstants.EVENT_TOPIC + "=keeper/child/*", EventConstants.EVENT_TOPIC + "=keeper/request" })
public final class KeeperMetrics implements EventHandler, Exposition {

    private static final String REQUEST_TOPIC = "keeper/request";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final ServerMetrics server = new ServerMetrics(registry);
    private final ChildFacts children;

    @Activate
    public KeeperMetrics(@Reference Supervisor supervisor, @Reference ResourceMeter meter) {
        children = new ChildFacts(supervisor, meter);
        registry.register(children);
    }

    @Override
    public void handleEvent(Event event) {
        if (REQUEST_TOPIC.equals(event.getTopic())) {
            server.answered(text(event, "command"), text(event, "outcome"), text(event, "transport"));
            return;
        }
        children.moved(text(event, "name"), text(event, "previous"), text(event, "state"),
                event.getProperty("exitCode") instanceof Integer code ? code : null);
        if (event.getProperty("spawnNanos") instanceof Long nanos) {
            server.spawned(nanos);
        }
    }

    @Override
    public void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }

    private static String text(Event event, String property) {
        return event.getProperty(property) instanceof String value ? value : "";
    }
}
