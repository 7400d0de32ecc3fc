package keeper.process.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import keeper.api.Rotation;

/**
 * Rotates a log file under a writer that never reopens it, as logrotate's {@code copytruncate} does: the
 * backups shift ({@code FILE.1} to {@code FILE.2} ..., the oldest dropped), the file is copied to
 * {@code FILE.1}, and then emptied in place. Children open their files with {@code O_APPEND}, so they go on
 * writing at the new end. The copy catches up with what the child writes meanwhile, so only bytes written
 * between the last catch-up and the truncation (microseconds) can be lost.
 */
final class CopyTruncate {

    /** Catch-up rounds before truncating: a child that outwrites the copy loses a little, never blocks it. */
    private static final int CATCH_UP_ROUNDS = 4;

    private CopyTruncate() {
    }

    /** Whether a file of {@code size} bytes has reached its limit under {@code rotation}. */
    static boolean due(long size, Rotation rotation) {
        return rotation.enabled() && size >= rotation.maxBytes();
    }

    static void rotate(Path file, int backups) throws IOException {
        try (FileChannel log = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (backups > 0) {
                shift(file, backups);
                Path copying = sibling(file, "rotating");
                try (FileChannel copy = FileChannel.open(copying, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    long copied = copyAll(log, copy, 0);
                    // .1 is in place before the file shrinks, so a reader that sees it shrink finds the copy
                    Files.move(copying, backup(file, 1), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                    copyAll(log, copy, copied);
                    log.truncate(0);
                }
            } else {
                log.truncate(0);
            }
        }
    }

    /** {@code FILE.n}: backup 1 is the newest. */
    static Path backup(Path file, int n) {
        return sibling(file, Integer.toString(n));
    }

    private static void shift(Path file, int backups) throws IOException {
        Files.deleteIfExists(backup(file, backups));
        for (int n = backups - 1; n >= 1; n--) {
            if (Files.exists(backup(file, n))) {
                Files.move(backup(file, n), backup(file, n + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Copies from {@code copied} on, again while the writer adds more (a few rounds); answers the bytes copied. */
    private static long copyAll(FileChannel log, FileChannel copy, long copied) throws IOException {
        for (int round = 0; round < CATCH_UP_ROUNDS; round++) {
            long end = log.size();
            if (end <= copied) {
                break;
            }
            while (copied < end) {
                copied += log.transferTo(copied, end - copied, copy);
            }
        }
        return copied;
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + "." + suffix);
    }
}
