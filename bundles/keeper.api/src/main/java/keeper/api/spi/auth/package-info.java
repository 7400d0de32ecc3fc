/**
 * Authentication as plugins: an {@link keeper.api.spi.auth.Authenticator} on the server judges a signed
 * {@link keeper.api.spi.auth.Envelope}; a {@link keeper.api.spi.auth.RequestSigner} in the client signs one.
 */
@Version("1.1.0")
@Export
package keeper.api.spi.auth;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
