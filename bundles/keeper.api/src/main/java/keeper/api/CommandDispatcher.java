package keeper.api;

import keeper.api.spi.auth.Envelope;
import keeper.api.spi.command.Caller;
import keeper.api.spi.command.Reply;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The one entry point for requests from every transport and the shell: parses the command line,
 * authenticates the caller when the server requires it, and routes to the registered
 * {@link keeper.api.spi.command.KeeperCommand}. Never throws: every failure is a {@link Reply} that says what went wrong.
 */
@ProviderType
public interface CommandDispatcher {
    Reply dispatch(Envelope envelope, Caller caller);
}
