/**
 * Transports as plugins: a {@link keeper.api.spi.transport.Listener} on the server accepts connections; a
 * {@link keeper.api.spi.transport.Connector} in the client opens a {@link keeper.api.spi.transport.Connection} to an
 * {@link keeper.api.spi.transport.Endpoint}.
 */
@Version("1.1.0")
@Export
package keeper.api.spi.transport;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
