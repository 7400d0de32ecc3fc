package keeper.client;

import keeper.api.spi.transport.Endpoint;

/**
 * What one host answered, or why it could not answer.
 *
 * @param endpoint the host as given
 * @param ok       whether the host answered OK
 * @param text     the reply text, or the reason the host could not be asked
 */
public record HostReply(Endpoint endpoint, boolean ok, String text) {

    static HostReply failed(Endpoint endpoint, String reason) {
        return new HostReply(endpoint, false, reason);
    }
}
