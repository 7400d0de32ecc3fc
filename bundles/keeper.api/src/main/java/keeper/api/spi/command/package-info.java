/**
 * Commands as plugins: a {@link keeper.api.spi.command.KeeperCommand} service answers one command word over every
 * transport and in the shell; {@link keeper.api.spi.command.Request}, {@link keeper.api.spi.command.Caller} and
 * {@link keeper.api.spi.command.Reply} are what it is given and what it answers.
 */
@Version("2.2.0")
@Export
package keeper.api.spi.command;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
