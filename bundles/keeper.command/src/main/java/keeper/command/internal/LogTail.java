package keeper.command.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The last lines of a log file, read backwards from its end in blocks, so a large file costs only what is
 * shown. {@link #end()} is where the file ended when it was read: a {@link LogFollower} started there shows
 * every later line once.
 *
 * @param text the lines, each ending with its newline (the last one too, unless the child has not finished it)
 * @param end  the file's size when it was read
 */
record LogTail(String text, long end) {

    private static final int BLOCK = 8192;

    /** At most {@code lines} lines and {@code maxBytes} bytes from the end of {@code file}; empty when it does not exist. */
    static LogTail of(Path file, int lines, int maxBytes) throws IOException {
        try (FileChannel log = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = log.size();
            long start = start(log, end, lines, maxBytes);
            ByteBuffer bytes = ByteBuffer.allocate((int) (end - start));
            while (bytes.hasRemaining() && log.read(bytes, start + bytes.position()) > 0) {
                // reads until the buffer is full or the file ends
            }
            return new LogTail(new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8), end);
        } catch (NoSuchFileException e) {
            return new LogTail("", 0);
        }
    }

    /** Where the last {@code lines} lines begin: after the newline before them, or {@code maxBytes} back. */
    private static long start(FileChannel log, long end, int lines, int maxBytes) throws IOException {
        long limit = Math.max(0, end - maxBytes);
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        // a newline that ends the file ends the last line; it does not start one
        int newlines = end > 0 && log.read(block.limit(1), end - 1) == 1 && block.get(0) == '\n' ? -1 : 0;
        for (long blockEnd = end; blockEnd > limit; ) {
            long blockStart = Math.max(limit, blockEnd - BLOCK);
            block.clear().limit((int) (blockEnd - blockStart));
            log.read(block, blockStart);
            for (int i = block.position() - 1; i >= 0; i--) {
                if (block.get(i) == '\n' && ++newlines == lines) {
                    return blockStart + i + 1;
                }
            }
            blockEnd = blockStart;
        }
        return end - limit == maxBytes ? lineStartAfter(log, limit, end) : limit;
    }

    /** Cut at {@code maxBytes}: start at the next whole line, unless one line fills it all. */
    private static long lineStartAfter(FileChannel log, long from, long end) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        for (long at = from; at < end; at += block.position()) {
            block.clear().limit((int) Math.min(BLOCK, end - at));
            log.read(block, at);
            for (int i = 0; i < block.position(); i++) {
                if (block.get(i) == '\n') {
                    return at + i + 1 < end ? at + i + 1 : from;
                }
            }
        }
        return from;
    }
}
