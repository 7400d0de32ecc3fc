package keeper.process.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;

import keeper.api.ChildSpec;
import keeper.api.ConfigException;
import keeper.api.ConfigSource;

/** Child configuration as it is now, with lookup failures worded for the person who asked. */
final class ChildSpecs {

    private static final Logger LOG = System.getLogger(ChildSpecs.class.getName());

    private final ConfigSource config;

    ChildSpecs(ConfigSource config) {
        this.config = config;
    }

    /** The child's config; refused when no load path has it or its file is broken. */
    ChildSpec require(String name) throws Refused {
        return find(name).orElseThrow(() -> new Refused(unknown(name)));
    }

    /** The child's config, or empty when no load path has it; refused when its file is broken. */
    Optional<ChildSpec> find(String name) throws Refused {
        try {
            return config.child(name);
        } catch (ConfigException e) {
            throw new Refused(e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "reading the config of " + name + " failed", e);
            throw new Refused("cannot read the config of '" + name + "': " + e);
        }
    }

    /** The child's config, or empty when it is missing or broken (for callers that have a fallback). */
    Optional<ChildSpec> readable(String name) {
        try {
            return find(name);
        } catch (Refused e) {
            return Optional.empty();
        }
    }

    String unknown(String name) {
        try {
            String paths = config.server().loadPaths().stream().map(Path::toString).collect(Collectors.joining(", "));
            return "no child named '" + name + "' in the load paths (" + paths + ")";
        } catch (ConfigException e) {
            return "no child named '" + name + "' found, and the server config cannot be read: " + e.getMessage();
        }
    }
}
