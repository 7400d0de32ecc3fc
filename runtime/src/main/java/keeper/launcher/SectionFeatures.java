package keeper.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The features server.yml asks for by having their section: a top-level {@code fleet:} installs the fleet
 * feature at boot, as {@code http:} does the http feature, so that turning a feature on is one edit of one
 * file. Read with a narrow line reader before any bundle runs; keeper.config.yaml validates the whole file
 * (and each feature its own section) as usual.
 */
final class SectionFeatures {

    /** A key at the start of a line: {@code fleet:}, {@code "fleet":}, {@code fleet: {zookeeper: ...}}. */
    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("[\"']?([A-Za-z0-9_.-]+)[\"']?\\s*:(?:\\s.*)?");

    private SectionFeatures() {
    }

    /** The names of {@code features} that are top-level keys of server.yml's {@code lines}, in file order. */
    static List<String> in(List<String> lines, Set<String> features) {
        List<String> found = new ArrayList<>();
        for (String line : lines) {
            Matcher key = TOP_LEVEL_KEY.matcher(line);
            if (key.matches() && features.contains(key.group(1)) && !found.contains(key.group(1))) {
                found.add(key.group(1));
            }
        }
        return found;
    }
}
