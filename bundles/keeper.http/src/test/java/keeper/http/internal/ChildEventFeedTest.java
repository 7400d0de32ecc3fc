package keeper.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

class ChildEventFeedTest {

    @Test
    void aTransitionIsAStateEvent() {
        Event running = new Event("keeper/child/RUNNING", Map.of("name", "web", "pid", 4711L, "previous", "STARTING",
                "state", "RUNNING", "reason", "started \"now\"", "sequence", 12L));
        assertEquals("event: state\ndata: {\"name\":\"web\",\"state\":\"running\",\"previous\":\"starting\",\"pid\":4711,"
                + "\"exit_code\":null,\"reason\":\"started \\\"now\\\"\",\"sequence\":12}\n\n", ChildEventFeed.message(running));
    }

    @Test
    void aHealthChangeIsAHealthEvent() {
        Event unhealthy = new Event("keeper/child/health/UNHEALTHY", Map.of("name", "web", "pid", 4711L,
                "condition", "UNHEALTHY", "detail", "tcp 127.0.0.1:8080 refused", "failures", 3, "sequence", 13L));
        assertEquals("event: health\ndata: {\"name\":\"web\",\"condition\":\"unhealthy\",\"pid\":4711,"
                + "\"detail\":\"tcp 127.0.0.1:8080 refused\",\"failures\":3,\"sequence\":13}\n\n",
                ChildEventFeed.message(unhealthy));
    }
}
