package keeper.config.yaml.internal;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import keeper.api.ConfigException;

/**
 * Parsed files by path, each kept for as long as its {@link FileStamp} is unchanged: the config is
 * looked at on every command, but a file is parsed again only after it changed. Safe for concurrent
 * callers; a file is parsed by one caller at a time.
 *
 * @param <T> what a file is parsed into
 */
final class ParsedFiles<T> {

    /** Parses one file. */
    interface Parser<T> {
        T parse(Path file) throws ConfigException;
    }

    /** One parse: its value, or the problems it found (kept too, so a broken file is not reparsed either). */
    private record Parsed<T>(FileStamp stamp, T value, ConfigException failure) {
        T valueOrThrow() throws ConfigException {
            if (failure != null) {
                throw new ConfigException(failure.problems());
            }
            return value;
        }
    }

    private final ConcurrentMap<Path, Parsed<T>> parsed = new ConcurrentHashMap<>();

    T get(Path file, Parser<T> parser) throws ConfigException {
        Optional<FileStamp> stamp = FileStamp.of(file);
        if (stamp.isEmpty()) {
            parsed.remove(file);
            return parser.parse(file);
        }
        return parsed.compute(file, (path, old) ->
                old != null && old.stamp().equals(stamp.get()) ? old : parse(path, stamp.get(), parser))
                .valueOrThrow();
    }

    /** Forgets files that are no longer in use, so deleted children do not stay in memory. */
    void retainOnly(Collection<Path> files) {
        parsed.keySet().retainAll(files);
    }

    private static <T> Parsed<T> parse(Path file, FileStamp stamp, Parser<T> parser) {
        try {
            return new Parsed<>(stamp, parser.parse(file), null);
        } catch (ConfigException e) {
            return new Parsed<>(stamp, null, e);
        }
    }
}
