package keeper.client;

import keeper.api.spi.transport.Endpoint;

/**
 * What one host answered, or why it could not answer.
 *
 * @param endpoint the host as given
 * @param ok       whether the host answered OK
 * @param text     the reply text, or the reason the host could not be asked
 * @param answered whether the host answered at all (OK or an error); false when it could not be reached
 *                 or did not answer in time
 */
public record HostReply(Endpoint endpoint, boolean ok, String text, boolean answered) {

    /** A reply the host gave. */
    public HostReply(Endpoint endpoint, boolean ok, String text) {
        this(endpoint, ok, text, true);
    }

    static HostReply failed(Endpoint endpoint, String reason) {
        return new HostReply(endpoint, false, reason, false);
    }
}
