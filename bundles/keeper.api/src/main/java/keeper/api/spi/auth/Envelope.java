package keeper.api.spi.auth;

import java.util.Map;

/**
 * A request as it travels: the protocol version, the command line and the credentials that
 * vouch for it (empty for an unsigned request). What the credentials hold is up to the
 * {@link Authenticator} schemes; {@code keeper.auth.pem} uses {@code key}, {@code ts},
 * {@code nonce}, {@code alg} and {@code sig}.
 *
 * @param version     wire protocol version the sender spoke
 * @param line        the command line, e.g. {@code restart web}
 * @param credentials name/value pairs, empty when unsigned
 */
public record Envelope(int version, String line, Map<String, String> credentials) {
    public Envelope {
        credentials = Map.copyOf(credentials);
    }

    public static Envelope unsigned(int version, String line) {
        return new Envelope(version, line, Map.of());
    }

    public boolean isSigned() {
        return !credentials.isEmpty();
    }
}
