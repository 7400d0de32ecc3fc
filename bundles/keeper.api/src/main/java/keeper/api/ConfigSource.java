package keeper.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The server's configuration, read again on every call: an edited server.yml, a new load path or a
 * child file dropped into a load path is seen by the next call, with no restart.
 */
@ProviderType
public interface ConfigSource {

    /** server.yml as it is now. */
    ServerConfig server() throws ConfigException;

    /** The child named {@code name}, or empty when no load path has a file for it. */
    Optional<ChildSpec> child(String name) throws ConfigException;

    /** Names of every child file in the load paths, sorted; the files are not parsed. */
    List<String> childNames() throws ConfigException;

    /** Every child file parsed; throws with every bad file listed at once. */
    List<ChildSpec> allChildren() throws ConfigException;
}
