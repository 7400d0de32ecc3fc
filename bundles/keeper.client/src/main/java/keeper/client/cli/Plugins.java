package keeper.client.cli;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;

import keeper.api.spi.auth.RequestSigner;
import keeper.api.spi.transport.Connector;
import keeper.client.GroupDirectory;

/**
 * Finds client plugins outside OSGi: {@link ServiceLoader} over the class path plus every {@code *.jar}
 * in the plugin directory, so dropping {@code keeper.transport.ssh.jar} there makes {@code ssh://} work.
 * Nothing is loaded until asked for, so {@code --version} and unsigned requests stay cheap.
 */
final class Plugins {

    static final String DIR_PROPERTY = "keeper.plugins";
    static final String DIR_VARIABLE = "KEEPER_PLUGINS";
    /** Class path of the signer (keeper.auth.pem and BouncyCastle), kept off the JVM's class path: only {@code with} needs it. */
    static final String SIGNING_PROPERTY = "keeper.signing";
    /** Class path of the fleet directory (keeper.fleet, ZooKeeper, Curator), kept off too: only {@code group:} needs it. */
    static final String FLEET_PROPERTY = "keeper.fleet";

    private final ClassLoader loader;
    private final Consumer<String> warnings;
    private Map<String, Connector> connectors;

    Plugins(ClassLoader loader, Consumer<String> warnings) {
        this.loader = loader;
        this.warnings = warnings;
    }

    /** The plugin directory: {@value #DIR_VARIABLE} if set, else the {@value #DIR_PROPERTY} property, else none. */
    static Optional<Path> directory(Map<String, String> environment, String property) {
        String chosen = environment.getOrDefault(DIR_VARIABLE, "");
        chosen = chosen.isBlank() ? property : chosen;
        return chosen == null || chosen.isBlank() ? Optional.empty() : Optional.of(Path.of(chosen));
    }

    /** The jars of a class path property such as {@value #SIGNING_PROPERTY}, e.g. {@code a.jar:b.jar}. */
    static List<Path> jars(String property) {
        List<Path> jars = new ArrayList<>();
        if (property != null) {
            for (String jar : property.split(java.io.File.pathSeparator)) {
                if (!jar.isBlank()) {
                    jars.add(Path.of(jar));
                }
            }
        }
        return jars;
    }

    /**
     * A loader that sees {@code parent}, the {@code extra} jars and the jars in {@code directory};
     * {@code parent} itself when there are none.
     * Loops rather than streams: this runs on every CLI start, where each lambda costs start-up time.
     */
    static ClassLoader classLoader(Optional<Path> directory, List<Path> extra, ClassLoader parent) throws IOException {
        List<Path> jars = new ArrayList<>();
        if (directory.isPresent() && Files.isDirectory(directory.get())) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory.get(), "*.jar")) {
                for (Path jar : files) {
                    if (Files.isRegularFile(jar)) {
                        jars.add(jar);
                    }
                }
            }
        }
        Collections.sort(jars);
        jars.addAll(0, extra);
        if (jars.isEmpty()) {
            return parent;
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = jars.get(i).toUri().toURL();
        }
        return new URLClassLoader("keeper-plugins", urls, parent);
    }

    /** The connector for {@code scheme}; the first found wins, class path before plugin directory. */
    synchronized Optional<Connector> connector(String scheme) {
        if (connectors == null) {
            connectors = new HashMap<>();
            load(Connector.class).forEach(connector -> connectors.putIfAbsent(connector.scheme(), connector));
        }
        return Optional.ofNullable(connectors.get(scheme));
    }

    Optional<RequestSigner> signer() {
        return load(RequestSigner.class).stream().findFirst();
    }

    Optional<GroupDirectory> groupDirectory() {
        return load(GroupDirectory.class).stream().findFirst();
    }

    /** Every provider that loads; a broken plugin is reported and skipped rather than stopping the client. */
    private <T> List<T> load(Class<T> service) {
        List<T> found = new ArrayList<>();
        Iterator<T> providers = ServiceLoader.load(service, loader).iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    return found;
                }
                found.add(providers.next());
            } catch (ServiceConfigurationError e) {
                warnings.accept("skipping a " + service.getSimpleName() + " plugin: " + e.getMessage());
            }
        }
    }
}
