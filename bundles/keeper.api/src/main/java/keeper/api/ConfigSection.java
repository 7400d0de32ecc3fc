package keeper.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A feature's own mapping in server.yml ({@code http:}, {@code fleet:}, ...), read with the same
 * checks and errors as the rest of the file: every problem is a {@link ConfigException} naming the
 * file, the line and the full field name ({@code http.port}). A section is a snapshot of the file when
 * {@link ConfigSource#section} was called.
 */
@ProviderType
public interface ConfigSection {

    /** The server.yml the section is in. */
    Path file();

    /** The section's field name as users see it: {@code http}, or {@code http.tls} for a nested one. */
    String name();

    /** The fields written in the section (an explicit null counts as absent), in file order. */
    Set<String> fields();

    /**
     * Throws naming every field that is not in {@code known}, each with the closest known name when
     * it is likely a typo. A feature calls this first, so a misspelt key is never silently ignored.
     */
    void allowOnly(Set<String> known) throws ConfigException;

    /** Non-blank text; empty when absent. */
    Optional<String> text(String field) throws ConfigException;

    /** A decimal whole number in {@code [min, max]}; empty when absent. */
    OptionalLong wholeNumber(String field, long min, long max) throws ConfigException;

    /** {@code on}/{@code off} (also true/false, yes/no); empty when absent. */
    Optional<Boolean> onOff(String field) throws ConfigException;

    /** A list of non-blank texts; empty when absent. */
    List<String> texts(String field) throws ConfigException;

    /** The mapping under {@code field}, as a section of its own; empty when absent. */
    Optional<ConfigSection> section(String field) throws ConfigException;

    /**
     * A problem the feature found itself about {@code field} (or the whole section when {@code null}),
     * at its line, worded like the reader's own: for checks only the feature knows.
     */
    ConfigException problem(String field, String message);
}
