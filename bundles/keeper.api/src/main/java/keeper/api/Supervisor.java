package keeper.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Owns the process table: starts, stops and watches children. Every operation re-reads the child's
 * configuration first. Operations on one child are serialized; different children proceed in parallel.
 * Never throws for a user error: refusals come back as an {@link Outcome} that says why.
 */
@ProviderType
public interface Supervisor {

    /** Starts a child that is not running (a file just dropped into a load path works). Runs its prehook chain first. */
    Outcome start(String name);

    /** Restarts a running child; refused, suggesting {@code start}, when it is not running. */
    Outcome restart(String name);

    /** Restarts the child when it runs, else starts it. */
    Outcome tryStart(String name);

    /** Stops a running child (its stop signal to its process tree, SIGKILL after its stop timeout), then runs its posthook. */
    Outcome stop(String name);

    /** Starts every child the load paths describe that is not running (the client's {@code start all}). */
    Outcome startAll();

    /** Stops every running child; the message lists each one and any error met. */
    Outcome stopAll();

    /**
     * Removes dead children from the table, then answers the running ones, or only {@code name} when
     * given (empty when that child is not running).
     */
    List<ChildStatus> check(String name);

    /** Every child the table knows or the load paths describe, in any state, sorted by name. */
    List<ChildStatus> status();

    /** The server's identity, configuration and running children. */
    ServerInfo info();
}
