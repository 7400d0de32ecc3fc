package keeper.api.spi.transport;

import java.io.IOException;
import java.time.Duration;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Opens byte streams to Keeper servers for one URI scheme (client-side whiteboard). Register with the
 * service property {@value #SCHEME}; the client picks the connector by the scheme of each
 * {@code on HOST}. Outside OSGi (the {@code keeper} CLI) connectors are found with
 * {@link java.util.ServiceLoader}, so an implementation also needs a public no-argument constructor
 * and a {@code META-INF/services/keeper.api.spi.transport.Connector} entry.
 */
@ConsumerType
public interface Connector {

    /** Service property: the URI scheme served, e.g. {@code tcp} or {@code ssh}. */
    String SCHEME = "keeper.scheme";

    /** Same as the {@value #SCHEME} property (used where there are no service properties). */
    String scheme();

    /**
     * Opens a stream to the server at {@code endpoint}, failing with an {@link IOException} whose
     * message a person can act on within {@code timeout}.
     */
    Connection open(Endpoint endpoint, Duration timeout) throws IOException;
}
