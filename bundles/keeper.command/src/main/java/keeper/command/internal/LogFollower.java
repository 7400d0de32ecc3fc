package keeper.command.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

import keeper.api.spi.command.ReplyFeed;

/**
 * Follows a log file from a position on, through its rotations: what the child appends, in whole lines. Keeper
 * rotates by copy and truncate and puts the copy in place as {@code FILE.1} before it empties the file (see
 * keeper.process's CopyTruncate); so when {@code FILE.1} is a new file since the last look, the lines this
 * follower had not read yet are at the end of that copy, and the file itself starts afresh. A file that shrinks
 * with no new copy (rotation without backups, or emptied by hand), or a new file in its place, is read from its
 * start; a rotation by renaming (the file becomes {@code FILE.1}) is followed like a copy. One poll is one
 * {@code stat} of each file and at most one read; nothing here waits or holds a thread.
 */
final class LogFollower implements ReplyFeed {

    private final Path file;
    private final Path firstBackup;
    private long position;
    private Object fileKey;
    private Object backupKey;
    /** The rotated copy still to be read to its end, or null. */
    private FileChannel rotated;

    /**
     * Follows {@code file}, from its end unless {@link #from} says otherwise. Made before the file is read for a
     * {@link LogTail}, so that a rotation in between is noticed.
     */
    LogFollower(Path file) throws IOException {
        this.file = file;
        this.firstBackup = file.resolveSibling(file.getFileName() + ".1");
        this.fileKey = key(file);
        this.backupKey = key(firstBackup);
        this.position = size(file);
    }

    /** Goes on from {@code position} (where a {@link LogTail} ended), so that no line is shown twice or skipped. */
    LogFollower from(long start) {
        position = start;
        return this;
    }

    @Override
    public String poll(int maxBytes) throws IOException {
        if (rotated == null) {
            noticeRotation();
        }
        if (rotated != null) {
            String rest = drainRotated(maxBytes);
            if (!rest.isEmpty()) {
                return rest;
            }
        }
        return readFile(maxBytes);
    }

    @Override
    public void close() {
        closeRotated();
    }

    /** The size first, then the copy: a rotation between the two is then seen as a new copy, never lost. */
    private void noticeRotation() throws IOException {
        BasicFileAttributes attributes = attributes(file);
        long size = attributes != null ? attributes.size() : 0;
        Object current = attributes != null ? attributes.fileKey() : null;
        // a new file in its place (rotated by renaming, or deleted and created again): read it from its start
        boolean replaced = current != null && fileKey != null && !current.equals(fileKey);
        fileKey = current != null ? current : fileKey;
        Object key = key(firstBackup);
        boolean newCopy = key != null && !key.equals(backupKey);
        backupKey = key;
        if (newCopy) {
            try {
                rotated = FileChannel.open(firstBackup, StandardOpenOption.READ);
                return;
            } catch (NoSuchFileException e) {
                // rotated again at once: what this follower had not read is in an older copy, out of its reach
            }
        }
        if (newCopy || replaced || size < position) {
            position = 0;
        }
    }

    /** The copy from where this follower was to its end; then the file from its start. */
    private String drainRotated(int maxBytes) throws IOException {
        if (position < rotated.size()) {
            ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(maxBytes, rotated.size() - position));
            rotated.read(bytes, position);
            boolean last = position + bytes.position() >= rotated.size();
            String text = lines(bytes, last);
            if (!text.isEmpty()) {
                return text;
            }
        }
        closeRotated();
        position = 0;
        return "";
    }

    private String readFile(int maxBytes) throws IOException {
        try (FileChannel log = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = log.size();
            if (size <= position) {
                return "";
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(maxBytes, size - position));
            log.read(bytes, position);
            return lines(bytes, false);
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    /**
     * The whole lines in {@code bytes} (consumed: the position moves past them); a full buffer without a newline,
     * or the {@code last} bytes of a rotated copy, are taken as they are.
     */
    private String lines(ByteBuffer bytes, boolean last) {
        int length = bytes.position();
        int end = length;
        if (!last) {
            while (end > 0 && bytes.get(end - 1) != '\n') {
                end--;
            }
            if (end == 0 && length == bytes.capacity()) {
                end = length;
            }
        }
        position += end;
        return new String(bytes.array(), 0, end, StandardCharsets.UTF_8);
    }

    private void closeRotated() {
        if (rotated != null) {
            try {
                rotated.close();
            } catch (IOException e) {
                // a read-only channel has nothing to flush
            }
            rotated = null;
        }
    }

    private static long size(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /** The file's identity (device and inode), or null when it does not exist. */
    private static Object key(Path file) {
        BasicFileAttributes attributes = attributes(file);
        return attributes != null ? attributes.fileKey() : null;
    }

    private static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }
}
