package keeper.config.yaml.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BindAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "[::1]", "0:0:0:0:0:0:0:1", "localhost", "LOCALHOST",
        "::ffff:127.0.0.1"})
    void loopbackAddressesAreRecognised(String address) {
        assertTrue(BindAddress.isLoopback(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "10.0.0.1", "192.168.1.2", "1::1", "example.com", "128.0.0.1"})
    void everythingElseCountsAsExposed(String address) {
        assertFalse(BindAddress.isLoopback(address));
    }
}
