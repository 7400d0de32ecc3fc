package keeper.config.yaml.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import keeper.api.ChildSpec;
import keeper.api.ConfigException;
import keeper.api.ConfigProblem;
import keeper.api.ConfigSection;
import keeper.api.ConfigSource;
import keeper.api.FeatureManager;
import keeper.api.KeeperProperties;
import keeper.api.ServerConfig;

/**
 * The {@link ConfigSource} of the server.yml named by the framework property {@value KeeperProperties#CONFIG}.
 * Its feature sections are named after the features of the distribution's catalog, taken once: the
 * catalog changes only with the distribution, and a feature's section is accepted whether or not the
 * feature is installed, so server.yml can be written before {@code feature-install}.
 */
@Component(service = ConfigSource.class, immediate = true)
public final class YamlConfigSource implements ConfigSource {

    private final ConfigFiles files;

    @Activate
    public YamlConfigSource(BundleContext context, @Reference FeatureManager features) {
        String serverFile = context.getProperty(KeeperProperties.CONFIG);
        if (serverFile == null || serverFile.isBlank()) {
            throw new IllegalStateException("the framework property " + KeeperProperties.CONFIG
                    + " must name the server.yml to use; it is not set");
        }
        String encrypt = context.getProperty(KeeperProperties.ENCRYPT);
        Set<String> sectionNames = features.features().stream().map(FeatureManager.Feature::name)
                .collect(Collectors.toSet());
        this.files = new ConfigFiles(Path.of(serverFile), encrypt == null ? null : Boolean.valueOf(encrypt),
                sectionNames);
    }

    @Override
    public ServerConfig server() throws ConfigException {
        return files.server();
    }

    @Override
    public Optional<ChildSpec> child(String name) throws ConfigException {
        return files.child(name);
    }

    @Override
    public List<String> childNames() throws ConfigException {
        return files.childNames();
    }

    @Override
    public List<ConfigProblem> childProblems() throws ConfigException {
        return files.childProblems();
    }

    @Override
    public List<ChildSpec> allChildren() throws ConfigException {
        return files.allChildren();
    }

    @Override
    public Optional<ConfigSection> section(String name) throws ConfigException {
        return files.section(name);
    }
}
