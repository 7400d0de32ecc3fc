package keeper.client;

import java.nio.file.Path;
import java.util.List;

import keeper.api.spi.transport.Endpoint;

/**
 * One parsed client invocation.
 *
 * @param line  the request line sent to every host, e.g. {@code restart web} or {@code status --json}
 * @param hosts the hosts in the order given, never empty
 * @param key   the private key of {@code with KEY.pem}, or {@code null} for an unsigned request
 */
public record ClientRequest(String line, List<Endpoint> hosts, Path key) {
    public ClientRequest {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a request needs at least one host");
        }
    }

    /** The option that asks servers for JSON documents instead of tables. */
    public static final String JSON = "--json";

    public boolean isSigned() {
        return key != null;
    }

    /** The option that asks for a reply that goes on, printed as it comes (a followed log). */
    public static final String FOLLOW = "--follow";

    /** Whether the line asks for {@value #FOLLOW}: the replies are streamed, and wait for no deadline once begun. */
    public boolean follows() {
        return List.of(line.split(" ")).contains(FOLLOW);
    }

    /** Whether the line asks for {@value #JSON}, so every host's answer, error or not, is printed as JSON. */
    public boolean wantsJson() {
        return List.of(line.split(" ")).contains(JSON);
    }
}
