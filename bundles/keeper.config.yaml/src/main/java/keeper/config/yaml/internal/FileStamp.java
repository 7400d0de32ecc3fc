package keeper.config.yaml.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What tells one version of a file (or directory) from the next without reading it, from one stat: its
 * identity (an editor that saves by renaming a new file over the old one changes the inode), size,
 * modification time and change time in nanoseconds. The change time cannot be set by anyone: every
 * write moves it, even one that keeps the size and puts the modification time back.
 */
record FileStamp(long device, long inode, long size, long modifiedNanos, long changedNanos) {

    private static final String ATTRIBUTES = "unix:dev,ino,size,lastModifiedTime,ctime";
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /**
     * How far behind the clock a file time may lag: file systems with nanosecond times take them from the
     * kernel's coarse clock (one tick, at most 10 ms, behind); margin added.
     */
    private static final long FINE_LAG_NANOS = 50_000_000L;
    /** The same for file systems that keep whole seconds (or two, FAT). */
    private static final long COARSE_LAG_NANOS = 2 * NANOS_PER_SECOND;

    /** The file's stamp, or empty when it cannot be looked at (the reader then reports why). */
    static Optional<FileStamp> of(Path file) {
        try {
            Map<String, Object> attributes = Files.readAttributes(file, ATTRIBUTES);
            return Optional.of(new FileStamp(((Number) attributes.get("dev")).longValue(),
                    ((Number) attributes.get("ino")).longValue(), ((Number) attributes.get("size")).longValue(),
                    nanos((FileTime) attributes.get("lastModifiedTime")), nanos((FileTime) attributes.get("ctime"))));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a read that started at {@code readStart}, after this stamp was taken, saw the version this
     * stamp names for good: a later write then gets a later change time, so a stamp equal to this one
     * means the same content. A file changed within a clock tick of the read is "racy" (git's word): a
     * second write in that same tick would keep every field of the stamp, so such a file is read again.
     */
    boolean settledBefore(Instant readStart) {
        long lag = changedNanos % NANOS_PER_SECOND == 0 && modifiedNanos % NANOS_PER_SECOND == 0
                ? COARSE_LAG_NANOS : FINE_LAG_NANOS;
        long start = readStart.getEpochSecond() * NANOS_PER_SECOND + readStart.getNano();
        return changedNanos < start - lag;
    }

    private static long nanos(FileTime time) {
        return time.to(TimeUnit.NANOSECONDS);
    }
}
