package keeper.config.yaml.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import keeper.api.ConfigException;

/**
 * Parsed files by path, each kept for as long as its {@link FileStamp} is unchanged: the config is
 * looked at on every command, but a file costs one stat, and is parsed again only after it changed (or
 * when it had just changed as it was read: see {@link FileStamp#settledBefore}). Holds at most
 * {@code capacity} files. Safe for concurrent callers; a file is parsed by one caller at a time.
 *
 * @param <T> what a file is parsed into
 */
final class ParsedFiles<T> {

    /** More than any server's children: a cache that outgrows it drops files at random and reparses them. */
    static final int CAPACITY = 8192;

    /** Parses one file. */
    interface Parser<T> {
        T parse(Path file) throws ConfigException;
    }

    /**
     * One parse: its value, or the problems it found (kept too, so a broken file is not reparsed either),
     * and whether the stamp it was read under names that content for good.
     */
    private record Parsed<T>(FileStamp stamp, boolean settled, T value, ConfigException failure) {
        T valueOrThrow() throws ConfigException {
            if (failure != null) {
                throw new ConfigException(failure.problems());
            }
            return value;
        }

        boolean stillValidAt(FileStamp now) {
            return settled && stamp.equals(now);
        }
    }

    private final ConcurrentMap<Path, Parsed<T>> parsed = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int capacity;

    ParsedFiles() {
        this(Clock.systemUTC(), CAPACITY);
    }

    /** @param clock the wall clock file times are compared with */
    ParsedFiles(Clock clock, int capacity) {
        this.clock = clock;
        this.capacity = capacity;
    }

    T get(Path file, Parser<T> parser) throws ConfigException {
        Instant readStart = clock.instant();
        Optional<FileStamp> stamp = FileStamp.of(file);
        if (stamp.isEmpty()) {
            parsed.remove(file);
            return parser.parse(file);
        }
        Parsed<T> current = parsed.compute(file, (path, old) ->
                old != null && old.stillValidAt(stamp.get()) ? old : parse(path, stamp.get(), readStart, parser));
        if (parsed.size() > capacity) {
            evictOtherThan(file);
        }
        return current.valueOrThrow();
    }

    /** Forgets files that are no longer in use, so deleted children do not stay in memory. */
    void retainOnly(Collection<Path> files) {
        parsed.keySet().retainAll(files);
    }

    int size() {
        return parsed.size();
    }

    private void evictOtherThan(Path kept) {
        Iterator<Path> paths = parsed.keySet().iterator();
        while (parsed.size() > capacity && paths.hasNext()) {
            if (!paths.next().equals(kept)) {
                paths.remove();
            }
        }
    }

    private static <T> Parsed<T> parse(Path file, FileStamp stamp, Instant readStart, Parser<T> parser) {
        boolean settled = stamp.settledBefore(readStart);
        try {
            return new Parsed<>(stamp, settled, parser.parse(file), null);
        } catch (ConfigException e) {
            return new Parsed<>(stamp, settled, null, e);
        }
    }
}
