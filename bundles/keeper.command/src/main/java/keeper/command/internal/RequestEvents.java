package keeper.command.internal;

import java.util.Map;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import keeper.api.spi.command.Caller;

/**
 * Tells Event Admin, while one runs, how each request ended, on topic {@value #TOPIC} with {@code command}
 * (a registered command word, {@value #UNKNOWN} or {@value #INVALID}: never the caller's own bytes, so a
 * listener may use it as a metric label), {@code outcome} ({@value #OK}, {@value #ERROR}, or {@value #REFUSED}
 * when authentication refused it) and {@code transport} (the listener's name for itself: tcp, uds, gogo...).
 */
final class RequestEvents {

    static final String TOPIC = "keeper/request";
    static final String UNKNOWN = "unknown";
    static final String INVALID = "invalid";
    static final String OK = "ok";
    static final String ERROR = "error";
    static final String REFUSED = "refused";

    private volatile EventAdmin admin;

    void bind(EventAdmin eventAdmin) {
        admin = eventAdmin;
    }

    void unbind(EventAdmin eventAdmin) {
        if (admin == eventAdmin) {
            admin = null;
        }
    }

    void answered(String command, String outcome, Caller caller) {
        EventAdmin current = admin;
        if (current != null) {
            current.postEvent(new Event(TOPIC, Map.of("command", command, "outcome", outcome,
                    "transport", caller.transport())));
        }
    }
}
