package keeper.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestGuardTest {

    private final RequestGuard guard = new RequestGuard("127.0.0.1", true);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:33890", "localhost:8080", "LOCALHOST", "[::1]:33890", "127.0.0.1"})
    void aReadNamingThisServerPasses(String host) {
        assertEquals(Optional.empty(), guard.refusal("GET", host, null, null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example:33890", "127.0.0.1.evil.example", "", "10.0.0.1:33890"})
    void aHostNamingAnotherServerIsRefusedEvenForAReadAgainstDnsRebinding(String host) {
        assertEquals(Optional.of("the Host header does not name this server"), guard.refusal("GET", host, null, null, null));
        assertEquals(Optional.of("the Host header does not name this server"), guard.refusal("GET", null, null, null, null));
    }

    @Test
    void theConfiguredAddressIsAHostToo() {
        RequestGuard ipv6 = new RequestGuard("::1", true);
        assertEquals(Optional.empty(), ipv6.refusal("GET", "[::1]:1", null, null, null));
        RequestGuard other = new RequestGuard("127.0.0.2", true);
        assertEquals(Optional.empty(), other.refusal("GET", "127.0.0.2:1", null, null, null));
    }

    @Test
    void withBearerTokensAnyHostPassesAsTheServerHasNamesOfItsOwn() {
        RequestGuard tokens = new RequestGuard("0.0.0.0", false);
        assertEquals(Optional.empty(), tokens.refusal("GET", "keeper.example:33890", null, null, null));
        assertEquals(Optional.of("a state change must carry the header X-Keeper-Request"),
                tokens.refusal("POST", "keeper.example:33890", null, null, null));
    }

    @Test
    void aStateChangeNeedsTheKeeperHeader() {
        assertEquals(Optional.of("a state change must carry the header X-Keeper-Request"),
                guard.refusal("POST", "127.0.0.1:1", null, null, null));
        assertEquals(Optional.empty(), guard.refusal("POST", "127.0.0.1:1", null, null, "1"));
        assertEquals(Optional.empty(), guard.refusal("POST", "127.0.0.1:1", "http://127.0.0.1:1", "same-origin", "1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example", "null", "http://127.0.0.1.evil.example:1", "file://", "ftp://127.0.0.1"})
    void anOriginOfAnotherSiteIsRefused(String origin) {
        assertEquals(Optional.of("the Origin header names another site"), guard.refusal("POST", "127.0.0.1:1", origin, null, "1"));
        assertEquals(Optional.of("the Origin header names another site"), guard.refusal("GET", "127.0.0.1:1", origin, null, null));
    }

    @Test
    void aStateChangeMarkedCrossSiteIsRefused() {
        assertEquals(Optional.of("a state change from another site"),
                guard.refusal("POST", "127.0.0.1:1", null, "cross-site", "1"));
    }
}
