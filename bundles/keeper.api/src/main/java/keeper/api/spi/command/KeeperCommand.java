package keeper.api.spi.command;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A command the server answers (whiteboard). Register an implementation as a service with the
 * property {@value #NAME} set to the command word, and every transport and the shell can call it;
 * unregister it and it is gone. The dispatcher has already authenticated the caller and checked
 * the target against {@link #target()} before {@link #execute} is called.
 */
@ConsumerType
public interface KeeperCommand {

    /** Service property: the command word, lower case, e.g. {@code restart}. */
    String NAME = "keeper.command";

    /** Whether the command takes a child name. */
    enum Target { REQUIRED, OPTIONAL, NONE }

    Target target();

    /** One line for {@code help}, e.g. {@code restart a running child}. */
    String description();

    Reply execute(Request request, Caller caller);
}
