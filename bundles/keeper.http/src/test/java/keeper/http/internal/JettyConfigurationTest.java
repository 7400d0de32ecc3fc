package keeper.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class JettyConfigurationTest {

    @Test
    void aPortInUseIsSaidInOneLineBeforeJettyIsConfigured() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Optional<String> why = JettyConfiguration.unbindable(new HttpSettings("127.0.0.1", taken.getLocalPort(), false));
            assertTrue(why.isPresent());
            assertTrue(why.get().startsWith("cannot listen on 127.0.0.1 port " + taken.getLocalPort() + ": "), why.get());
            assertTrue(why.get().endsWith("(set http.port in server.yml to a free port, or 0 for any)"), why.get());
        }
    }

    @Test
    void aFreePortOrPortZeroIsFine() throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            free = probe.getLocalPort();
        }
        assertEquals(Optional.empty(), JettyConfiguration.unbindable(new HttpSettings("127.0.0.1", free, false)));
        assertEquals(Optional.empty(), JettyConfiguration.unbindable(new HttpSettings("127.0.0.1", 0, false)));
    }
}
