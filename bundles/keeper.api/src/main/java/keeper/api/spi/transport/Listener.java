package keeper.api.spi.transport;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A server transport that is accepting requests (whiteboard, may be several). Registered only while
 * bound, with the service property {@value #ADDRESS}, so that the launcher and {@code info} can say
 * where the server listens.
 */
@ConsumerType
public interface Listener {

    /** Service property: where it listens, as a URI, e.g. {@code tcp://127.0.0.1:33889}. */
    String ADDRESS = "keeper.listen";

    /** Same as the {@value #ADDRESS} property. */
    String address();
}
