package keeper.http.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;

import keeper.api.ConfigException;
import keeper.api.ConfigSection;
import keeper.api.ConfigSource;

/**
 * The {@code http:} section of server.yml (docs/http.md), and whether requests must authenticate.
 *
 * @param bindAddress  the address the HTTP listener binds ({@code listener_addr}, loopback by default)
 * @param port         its port; 0 takes any free port, which the log and {@code info} then tell
 * @param authRequired whether every request needs a bearer token: beyond loopback or with encrypt on,
 *                     the same rule as the TCP edge's
 */
record HttpSettings(String bindAddress, int port, boolean authRequired) {

    static final String SECTION = "http";
    static final String LOOPBACK = "127.0.0.1";
    /** One above Keeper's TCP port (33889), so the two are easy to tell apart and to open together. */
    static final int DEFAULT_PORT = 33890;
    private static final Set<String> FIELDS = Set.of("listener_addr", "port");
    private static final int MAX_PORT = 65535;

    /**
     * The settings of server.yml, or the defaults when it has no {@code http:} section.
     *
     * @param encrypt the launcher's encrypt for this server start
     */
    static HttpSettings read(ConfigSource config, boolean encrypt) throws ConfigException {
        Optional<ConfigSection> section = config.section(SECTION);
        if (section.isEmpty()) {
            return new HttpSettings(LOOPBACK, DEFAULT_PORT, encrypt);
        }
        ConfigSection http = section.get();
        http.allowOnly(FIELDS);
        String address = http.text("listener_addr").orElse(LOOPBACK);
        int port = (int) http.wholeNumber("port", 0, MAX_PORT).orElse(DEFAULT_PORT);
        return new HttpSettings(address, port, encrypt || !isLoopback(address));
    }

    /** An address that does not resolve is not known to be loopback, so it needs authentication. */
    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
