package keeper.api.spi.command;

/**
 * Who sent a request and how.
 *
 * @param transport the way it came: {@code tcp}, {@code uds}, {@code gogo}, ...
 * @param remote    the peer's address as the transport sees it
 * @param trusted   {@code true} when the transport itself vouches for the caller (the in-process shell,
 *                  an owner-only Unix socket): no signature is then required
 */
public record Caller(String transport, String remote, boolean trusted) {
    public static Caller local(String transport) {
        return new Caller(transport, "local", true);
    }
}
