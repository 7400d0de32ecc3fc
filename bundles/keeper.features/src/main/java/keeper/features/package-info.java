/**
 * The feature descriptor ({@code etc/keeper.features}): named bundle sets. Exported so that the
 * launcher, which runs outside the framework, reads features exactly as the running server does.
 */
@Version("1.0.0")
@Export
package keeper.features;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
