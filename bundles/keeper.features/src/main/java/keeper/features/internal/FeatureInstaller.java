package keeper.features.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import keeper.api.FeatureManager;
import keeper.api.KeeperProperties;
import keeper.api.spi.command.Reply;
import keeper.features.FeatureCatalog;

/**
 * Installs and removes features in the running framework. The descriptor is read on every call so
 * that an edited {@code etc/keeper.features} is seen without restart.
 */
@Component(service = FeatureManager.class)
public final class FeatureInstaller implements FeatureManager {

    private final BundleContext context;
    private final Path systemDir;
    private final Path descriptor;

    @Activate
    public FeatureInstaller(BundleContext context) {
        this.context = context;
        Path dist = Path.of(context.getProperty(KeeperProperties.DIST));
        this.systemDir = dist.resolve("system");
        this.descriptor = dist.resolve("etc").resolve("keeper.features");
    }

    @Override
    public List<Feature> features() {
        try {
            List<Feature> result = new ArrayList<>();
            for (Feature f : FeatureCatalog.read(descriptor).features()) {
                result.add(new Feature(f.name(), f.description(), f.requires(), f.bundles(), allInstalled(f.bundles())));
            }
            return result;
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public synchronized Reply install(String name) {
        try {
            FeatureCatalog catalog = FeatureCatalog.read(descriptor);
            List<Bundle> added = new ArrayList<>();
            for (String bundle : catalog.bundlesOf(List.of(name))) {
                if (context.getBundle(FeatureCatalog.location(systemDir, bundle)) == null) {
                    added.add(context.installBundle(FeatureCatalog.location(systemDir, bundle)));
                }
            }
            for (Bundle bundle : added) {
                if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    bundle.start();
                }
            }
            return added.isEmpty()
                    ? Reply.ok("feature '" + name + "' is already installed")
                    : Reply.ok("feature '" + name + "' installed: " + names(added));
        } catch (IOException | BundleException e) {
            return Reply.error("cannot install feature '" + name + "': " + e.getMessage());
        }
    }

    @Override
    public synchronized Reply uninstall(String name) {
        try {
            FeatureCatalog catalog = FeatureCatalog.read(descriptor);
            if (catalog.closure("core").contains(name)) {
                return Reply.error("feature '" + name + "' is part of core and cannot be uninstalled; use kill to stop the server");
            }
            Set<String> stillNeeded = new HashSet<>();
            for (Feature other : catalog.features()) {
                if (other.name().equals(name) || !allInstalled(other.bundles())) {
                    continue;
                }
                if (catalog.closure(other.name()).contains(name)) {
                    return Reply.error("feature '" + name + "' is required by installed feature '" + other.name()
                            + "'; uninstall that first");
                }
                stillNeeded.addAll(catalog.bundlesOf(List.of(other.name())));
            }
            List<String> removed = new ArrayList<>();
            // last installed first: a bundle stops while what it uses (Config Admin, the HTTP server) still runs
            for (String bundle : reversed(catalog.feature(name).bundles())) {
                Bundle installed = context.getBundle(FeatureCatalog.location(systemDir, bundle));
                if (installed != null && !stillNeeded.contains(bundle)) {
                    installed.uninstall();
                    removed.add(0, bundle);
                }
            }
            return removed.isEmpty()
                    ? Reply.ok("feature '" + name + "' is not installed")
                    : Reply.ok("feature '" + name + "' uninstalled: " + String.join(", ", removed));
        } catch (IOException | BundleException e) {
            return Reply.error("cannot uninstall feature '" + name + "': " + e.getMessage());
        }
    }

    private static List<String> reversed(List<String> bundles) {
        List<String> reversed = new ArrayList<>(bundles);
        Collections.reverse(reversed);
        return reversed;
    }

    private boolean allInstalled(List<String> bundles) {
        return bundles.stream().allMatch(b -> context.getBundle(FeatureCatalog.location(systemDir, b)) != null);
    }

    private static String names(List<Bundle> bundles) {
        return String.join(", ", bundles.stream().map(Bundle::getSymbolicName).toList());
    }
}
