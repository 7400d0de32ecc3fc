package keeper.api;

import java.nio.file.Path;

/**
 * One thing wrong in a configuration file.
 *
 * @param file    the file
 * @param line    1-based line, or 0 when unknown
 * @param field   the field, or {@code null} when the problem is not about one field
 * @param message what is wrong, for a person
 */
public record ConfigProblem(Path file, int line, String field, String message) {
    @Override
    public String toString() {
        StringBuilder where = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            where.append(':').append(line);
        }
        if (field != null) {
            where.append(": field '").append(field).append('\'');
        }
        return where.append(": ").append(message).toString();
    }
}
