package keeper.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which hosts are opened at once and which are looked up first. */
class TcpCallsTest {

    @Test
    void ipAddressesNeedNoLookupAndNamesDo() {
        for (String address : new String[] {"127.0.0.1", "10.0.0.255", "1.2.3.4", "::1", "fe80::1%eth0"}) {
            assertTrue(TcpCalls.isAddress(address), address);
        }
        for (String name : new String[] {"localhost", "web1", "1.2.3", "1.2.3.4.5", "1234.1.1.1", "1..2.3", "1.2.3.",
                ".1.2.3", "10.0.0.1a", "", "example.com"}) {
            assertFalse(TcpCalls.isAddress(name), name);
        }
    }
}
