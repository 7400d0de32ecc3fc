package keeper.features;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import keeper.api.FeatureManager.Feature;

/**
 * A parsed feature descriptor. The format, line by line ({@code #} starts a comment):
 *
 * <pre>
 * feature NAME
 *   description ONE LINE OF TEXT
 *   requires OTHER-FEATURE
 *   bundle FILE-STEM            (system/FILE-STEM.jar)
 * </pre>
 */
public final class FeatureCatalog {

    private final Map<String, Feature> features;

    private FeatureCatalog(Map<String, Feature> features) {
        this.features = features;
    }

    public static FeatureCatalog read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": feature descriptor not found");
        }
        return parse(file.toString(), Files.readAllLines(file));
    }

    public static FeatureCatalog parse(String source, List<String> lines) throws IOException {
        Map<String, Feature> features = new LinkedHashMap<>();
        FeatureBuilder current = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+", 2);
            String where = source + ":" + (i + 1) + ": ";
            if (words.length < 2) {
                throw new IOException(where + "'" + words[0] + "' needs a value");
            }
            if (words[0].equals("feature")) {
                if (features.containsKey(words[1])) {
                    throw new IOException(where + "feature '" + words[1] + "' defined twice");
                }
                current = new FeatureBuilder(words[1]);
                features.put(words[1], current.build());
                continue;
            }
            if (current == null) {
                throw new IOException(where + "'" + words[0] + "' before any 'feature' line");
            }
            current.add(words[0], words[1], where);
            features.put(current.name, current.build());
        }
        FeatureCatalog catalog = new FeatureCatalog(features);
        for (String name : features.keySet()) {
            catalog.bundlesOf(List.of(name));
        }
        return catalog;
    }

    public List<Feature> features() {
        return List.copyOf(features.values());
    }

    public Feature feature(String name) throws IOException {
        Feature feature = features.get(name);
        if (feature == null) {
            throw new IOException("no feature named '" + name + "'; known: " + String.join(", ", features.keySet()));
        }
        return feature;
    }

    /** {@code name} and every feature it requires, directly or not. */
    public Set<String> closure(String name) throws IOException {
        Set<String> done = new LinkedHashSet<>();
        collect(name, new ArrayList<>(), done, new LinkedHashSet<>());
        return done;
    }

    /** The bundles of {@code names} and of everything they require, each once, required ones first. */
    public List<String> bundlesOf(List<String> names) throws IOException {
        Set<String> bundles = new LinkedHashSet<>();
        Set<String> done = new LinkedHashSet<>();
        for (String name : names) {
            collect(name, new ArrayList<>(), done, bundles);
        }
        return List.copyOf(bundles);
    }

    private void collect(String name, List<String> path, Set<String> done, Set<String> bundles) throws IOException {
        if (path.contains(name)) {
            path.add(name);
            throw new IOException("features require each other in a cycle: " + String.join(" -> ", path));
        }
        if (!done.add(name)) {
            return;
        }
        Feature feature = feature(name);
        path.add(name);
        for (String required : feature.requires()) {
            collect(required, path, done, bundles);
        }
        path.remove(path.size() - 1);
        bundles.addAll(feature.bundles());
    }

    /** The install location of a bundle of the distribution: referenced in place, not copied. */
    public static String location(Path systemDir, String bundle) {
        return "reference:" + systemDir.resolve(bundle + ".jar").toAbsolutePath().normalize().toUri();
    }

    private static final class FeatureBuilder {
        final String name;
        String description = "";
        final List<String> requires = new ArrayList<>();
        final List<String> bundles = new ArrayList<>();

        FeatureBuilder(String name) {
            this.name = name;
        }

        void add(String key, String value, String where) throws IOException {
            switch (key) {
                case "description" -> description = value;
                case "requires" -> requires.add(value);
                case "bundle" -> bundles.add(value);
                default -> throw new IOException(where + "unknown keyword '" + key + "'; expected description, requires or bundle");
            }
        }

        Feature build() {
            return new Feature(name, description, requires, bundles, false);
        }
    }
}
