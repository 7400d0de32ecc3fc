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

    /**
     * The top-level section of server.yml named {@code name}, empty when the file has none. A section
     * is named after the feature that reads it ({@code http:} for the http feature): server.yml accepts
     * a top-level mapping under the name of any feature of the catalog, installed or not, and reports
     * any other unknown key. Throws when server.yml itself cannot be read; the section's own fields
     * are checked by the feature, through {@link ConfigSection}. The default, for a source without
     * sections, has none.
     */
    default Optional<ConfigSection> section(String name) throws ConfigException {
        return Optional.empty();
    }
}
