package keeper.api.spi.transport;

import java.util.Map;

/**
 * One host a client talks to, as parsed from {@code on HOST}.
 *
 * @param scheme the transport: {@code tcp} (the default), {@code ssh}, ...
 * @param user   the user part of {@code ssh://user@host}, or {@code null}
 * @param host   host name or address (IPv6 without brackets)
 * @param port   the port written in the address, or -1 for the transport's default
 * @param params query parameters, e.g. {@code port} in {@code ssh://ops@db?port=33890}
 * @param text   the address as the user wrote it, for messages
 */
public record Endpoint(String scheme, String user, String host, int port, Map<String, String> params, String text) {
    public Endpoint {
        params = Map.copyOf(params);
    }

    @Override
    public String toString() {
        return text;
    }
}
