package keeper.fleet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class FleetRegistrarTest {

    @Test
    void theAdvertisedEndpointIsTheListenersUnlessItNamesNoHost() {
        assertEquals("tcp://10.0.0.1:33889", FleetRegistrar.advertised("tcp://10.0.0.1:33889", Optional.empty()));
        assertEquals("tcp://[::1]:40000", FleetRegistrar.advertised("tcp://[::1]:40000", Optional.empty()));
        assertEquals("tcp://web1.example:33889", FleetRegistrar.advertised("tcp://0.0.0.0:33889", Optional.of("web1.example")));
        assertEquals("tcp://[2001:db8::7]:33889", FleetRegistrar.advertised("tcp://10.0.0.1:33889", Optional.of("2001:db8::7")));

        String wildcard = FleetRegistrar.advertised("tcp://0.0.0.0:33889", Optional.empty());
        String wildcard6 = FleetRegistrar.advertised("tcp://[::]:33889", Optional.empty());

        // every interface names no host a client elsewhere could use: the machine's own name is registered instead
        assertFalse(wildcard.contains("0.0.0.0"), wildcard);
        assertFalse(wildcard6.contains("[::]"), wildcard6);
    }
}
