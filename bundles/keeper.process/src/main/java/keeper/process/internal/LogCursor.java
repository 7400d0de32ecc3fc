package keeper.process.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * Reads a child's standard output file onward from where its current process began writing, line by line, for
 * {@code log} probes: each call reads only what was appended since the last one. A line longer than
 * {@link #MAX_LINE} is matched by its first {@link #MAX_LINE} bytes.
 */
final class LogCursor {

    static final int MAX_LINE = 64 * 1024;
    /** What one call reads at most, so that a child writing fast cannot keep a probe thread busy. */
    private static final int MAX_READ = 4 * 1024 * 1024;

    private final Path file;
    private long position;
    private final StringBuilder partial = new StringBuilder();

    /** @param start the size of the file just before the process was spawned (0 when the file was truncated) */
    LogCursor(Path file, long start) {
        this.file = file;
        this.position = start;
    }

    /** Where a process spawned now begins writing to {@code file}: its end, or 0 when it is missing or truncated. */
    static LogCursor from(Path file, boolean append) {
        long size = 0;
        try {
            size = append ? Files.size(file) : 0;
        } catch (IOException e) {
            size = 0;
        }
        return new LogCursor(file, size);
    }

    /** Whether a line written since the last call matches {@code pattern}. */
    synchronized ProbeResult find(Pattern pattern) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() < position) {
                position = 0; // truncated by someone (log rotation): read it anew
                partial.setLength(0);
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(MAX_READ, Math.max(0, channel.size() - position)));
            channel.read(buffer, position);
            position += buffer.position();
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            int lineStart = 0;
            for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', lineStart)) {
                if (matches(pattern, text.substring(lineStart, end))) {
                    return ProbeResult.passed("a line of " + file.getFileName() + " matched");
                }
                lineStart = end + 1;
            }
            append(text.substring(lineStart));
            if (pattern.matcher(partial).find()) {
                partial.setLength(0); // counted once: the rest of this line must not pass the next check again
                return ProbeResult.passed("a line of " + file.getFileName() + " matched");
            }
            return ProbeResult.failed("no line of " + file.getFileName() + " matched yet");
        } catch (NoSuchFileException e) {
            return ProbeResult.failed(file + " does not exist");
        } catch (IOException e) {
            return ProbeResult.failed("cannot read " + file + ": " + IoReasons.of(e));
        }
    }

    private boolean matches(Pattern pattern, String rest) {
        append(rest);
        boolean found = pattern.matcher(partial).find();
        partial.setLength(0);
        return found;
    }

    private void append(String text) {
        partial.append(text, 0, Math.min(text.length(), Math.max(0, MAX_LINE - partial.length())));
    }
}
