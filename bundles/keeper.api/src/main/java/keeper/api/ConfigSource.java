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

    /**
     * Every child name a child file in the load paths gives, sorted; the files are not parsed. A file
     * that gives no valid name and a name that two files give are left out: {@link #childProblems()}
     * names them. Throws only when server.yml itself cannot be read.
     */
    List<String> childNames() throws ConfigException;

    /**
     * What is wrong with the child files now, every bad file at once (files that give no valid child
     * name, names two files give, files that do not parse); empty when every file is fine. Throws only
     * when server.yml itself cannot be read. The default, for a source without child files, has none.
     */
    default List<ConfigProblem> childProblems() throws ConfigException {
        return List.of();
    }

    /** Every child file parsed; throws with every bad file listed at once. */
    List<ChildSpec> allChildren() throws ConfigException;
}
