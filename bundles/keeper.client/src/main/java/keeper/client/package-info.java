/**
 * The Keeper remote client: the grammar {@code <command> [child|all] [on HOST]... [with KEY.pem]},
 * host parsing, and the fan-out of one request to many hosts over {@link keeper.api.spi.transport.Connector}s.
 * Used by the {@code keeper} CLI and by the {@code keeper:remote} Gogo command; needs no OSGi at run time.
 */
@Version("1.3.0")
@Export
package keeper.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
