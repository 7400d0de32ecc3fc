package keeper.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import keeper.api.spi.command.Reply;

/**
 * Installs and removes named bundle sets (features) in the running server, as listed in the
 * distribution's {@code etc/keeper.features}. Running children are untouched by either.
 */
@ProviderType
public interface FeatureManager {

    /**
     * One feature and whether it is in the running server.
     *
     * @param name        e.g. {@code core}, {@code ssh}
     * @param description one line for people
     * @param requires    features it needs, installed with it
     * @param bundles     bundle file stems under {@code system/}, in install order
     * @param installed   whether every one of its bundles is installed
     */
    record Feature(String name, String description, List<String> requires, List<String> bundles, boolean installed) {
        public Feature {
            requires = List.copyOf(requires);
            bundles = List.copyOf(bundles);
        }
    }

    List<Feature> features();

    /** Installs and starts the feature's bundles and those of the features it requires. */
    Reply install(String name);

    /** Uninstalls the feature's bundles that no other installed feature needs. */
    Reply uninstall(String name);
}
