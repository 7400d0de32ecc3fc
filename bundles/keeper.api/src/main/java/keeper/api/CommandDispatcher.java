package keeper.api;

/**
 * The one entry point for requests from every transport and the shell: parses the command line,
 * authenticates the caller when the server requires it, and routes to the registered
 * {@link KeeperCommand}. Never throws: every failure is a {@link Reply} that says what went wrong.
 */
public interface CommandDispatcher {
    Reply dispatch(Envelope envelope, Caller caller);
}
