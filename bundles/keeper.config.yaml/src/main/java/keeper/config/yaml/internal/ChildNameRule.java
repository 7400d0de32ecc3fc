package keeper.config.yaml.internal;

import java.util.Optional;
import java.util.regex.Pattern;

import keeper.api.ChildSpec;

/**
 * Which names a child may have, and how a child file's name gives the child's name. Names become
 * file names (the child file, its default logs) and travel in commands, so they stay plain.
 */
final class ChildNameRule {

    static final String YML = ".yml";
    static final String YAML = ".yaml";
    private static final Pattern VALID = Pattern.compile(ChildSpec.VALID_NAME);

    private ChildNameRule() {
    }

    static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    static String explain(String name) {
        return "'" + Describe.shown(name) + "' is not a valid child name: use 1 to 64 letters, digits,"
                + " '_' or '-', starting with a letter or digit";
    }

    /**
     * The child name a child file's name stands for, the part before the first dot as in supervisor-rs
     * ({@code web.yml} and {@code web.prod.yml} give {@code web}), or empty for a file that is no
     * {@code .yml} or {@code .yaml} file.
     */
    static Optional<String> stem(String fileName) {
        for (String extension : new String[] {YML, YAML}) {
            if (fileName.endsWith(extension) && fileName.length() > extension.length()) {
                return Optional.of(fileName.substring(0, fileName.indexOf('.')));
            }
        }
        return Optional.empty();
    }
}
