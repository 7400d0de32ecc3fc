/**
 * Keeper's own services and the immutable values they trade in.
 *
 * <p>Keeper implements the services here ({@link keeper.api.Supervisor}, {@link keeper.api.ConfigSource},
 * {@link keeper.api.CommandDispatcher}, {@link keeper.api.FeatureManager}: provider types, so adding a method
 * is a minor change) and every Keeper bundle talks to the others only through them, with Declarative
 * Services. What a plugin implements lives in its own package per role: {@code keeper.api.spi.command},
 * {@code keeper.api.spi.auth} and {@code keeper.api.spi.transport}.
 */
@Version("3.2.0")
@Export
package keeper.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
