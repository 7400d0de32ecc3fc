/**
 * What other features need to serve HTTP in Keeper's servlet context (the {@code web} dashboard,
 * {@code metrics}): see {@link keeper.http.KeeperHttp}.
 */
@Version("1.0.0")
@Export
package keeper.http;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
