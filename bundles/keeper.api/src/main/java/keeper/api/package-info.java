/**
 * Keeper's service contracts and immutable value types.
 *
 * <p>Every Keeper bundle talks to the others only through the services declared here, registered
 * and consumed with Declarative Services. Whiteboard services ({@link keeper.api.KeeperCommand},
 * {@link keeper.api.Authenticator}, {@link keeper.api.Connector}, {@link keeper.api.Listener}) may
 * come and go at run time: a plugin is a bundle that registers one of them.
 */
@Version("2.0.0")
@Export
package keeper.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
