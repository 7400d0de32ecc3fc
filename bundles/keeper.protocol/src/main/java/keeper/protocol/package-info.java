/**
 * Keeper's wire protocol, version 2: length-prefixed frames of UTF-8 text. See docs/protocol.md.
 * Shared by every transport so that they all speak exactly the same bytes.
 */
@Version("2.1.0")
@Export
package keeper.protocol;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
