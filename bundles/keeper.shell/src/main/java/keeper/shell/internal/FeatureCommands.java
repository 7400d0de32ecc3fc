package keeper.shell.internal;

import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import keeper.api.FeatureManager.Feature;
import keeper.api.FeatureManager;
import keeper.api.spi.command.Reply;

/**
 * {@code keeper:features}, {@code keeper:feature-install NAME}, {@code keeper:feature-uninstall NAME}.
 * A Java method cannot be named {@code feature-install}, so those two arrive through Gogo's
 * {@code _main} convention, which passes the function name as the first argument.
 */
@Component(service = FeatureCommands.class, property = {
        "osgi.command.scope=keeper",
        "osgi.command.function=features",
        "osgi.command.function=feature-install",
        "osgi.command.function=feature-uninstall" })
public final class FeatureCommands {

    private final FeatureManager features;

    @Activate
    public FeatureCommands(@Reference FeatureManager features) {
        this.features = features;
    }

    @Descriptor("list the features of the distribution and whether each is installed")
    public String features() {
        return features.features().stream()
                .map(FeatureCommands::line)
                .collect(Collectors.joining("\n"));
    }

    /** Gogo's entry for {@code feature-install NAME} and {@code feature-uninstall NAME}. */
    public String _main(String... argv) {
        String usage = "usage: keeper:feature-install NAME | keeper:feature-uninstall NAME";
        if (argv.length != 2) {
            throw new IllegalArgumentException(usage);
        }
        Reply reply = switch (argv[0]) {
            case "feature-install" -> features.install(argv[1]);
            case "feature-uninstall" -> features.uninstall(argv[1]);
            default -> throw new IllegalArgumentException(usage);
        };
        if (!reply.ok()) {
            throw new IllegalStateException(reply.text());
        }
        return reply.text();
    }

    private static String line(Feature feature) {
        return String.format("%-10s %-13s %s", feature.name(), feature.installed() ? "installed" : "-", feature.description());
    }
}
