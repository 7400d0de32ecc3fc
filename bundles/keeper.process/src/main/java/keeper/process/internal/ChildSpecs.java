package keeper.process.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;

import keeper.api.ChildSpec;
import keeper.api.ConfigException;
import keeper.api.ConfigSource;
import keeper.api.Refusal;

/** Child configuration as it is now, with lookup failures as {@link Refused}. */
final class ChildSpecs {

    private static final Logger LOG = System.getLogger(ChildSpecs.class.getName());

    private final ConfigSource config;

    ChildSpecs(ConfigSource config) {
        this.config = config;
    }

    /** The child's config; refused when no load path has it or its file is broken. */
    ChildSpec require(String name) throws Refused {
        Optional<ChildSpec> spec = find(name);
        if (spec.isEmpty()) {
            throw unknown(name);
        }
        return spec.get();
    }

    /** The child's config, or empty when no load path has it; refused when its file is broken. */
    Optional<ChildSpec> find(String name) throws Refused {
        try {
            return config.child(name);
        } catch (ConfigException e) {
            throw new Refused(Refusal.Reason.INVALID_CONFIG, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "reading the config of " + name + " failed", e);
            throw new Refused(Refusal.Reason.INVALID_CONFIG, null);
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

    /** The refusal for a child no load path has: UNKNOWN_CHILD with the paths searched, or SERVER_CONFIG. */
    Refused unknown(String name) {
        try {
            String paths = config.server().loadPaths().stream().map(Path::toString).collect(Collectors.joining(", "));
            return new Refused(Refusal.Reason.UNKNOWN_CHILD, paths);
        } catch (ConfigException e) {
            return new Refused(Refusal.Reason.SERVER_CONFIG, e.getMessage());
        }
    }
}
