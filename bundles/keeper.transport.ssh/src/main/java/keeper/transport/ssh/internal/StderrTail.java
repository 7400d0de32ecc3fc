package keeper.transport.ssh.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Drains a child's standard error on a small daemon thread, keeping only its last few kilobytes:
 * ssh's reason for failing is in its last lines, and a verbose LogLevel in a user's config must
 * neither fill the pipe (which would stall ssh) nor our memory.
 */
final class StderrTail {

    private static final int KEEP = 16 * 1024;

    private final Thread reader;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

    private StderrTail(InputStream stderr) {
        this.reader = new Thread(() -> drain(stderr), "keeper-ssh-stderr");
        reader.setDaemon(true);
    }

    static StderrTail capture(InputStream stderr) {
        StderrTail capture = new StderrTail(stderr);
        capture.reader.start();
        return capture;
    }

    /** What was written, once the stream has ended (the process exited) or {@code within} has passed. */
    String await(Duration within) {
        try {
            reader.join(Math.max(1, within.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (kept) {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }

    private void drain(InputStream stderr) {
        byte[] buffer = new byte[4096];
        try (stderr) {
            for (int n; (n = stderr.read(buffer)) >= 0;) {
                keep(buffer, n);
            }
        } catch (IOException e) {
            // closed with the connection: what was read so far is all there is
        }
    }

    private void keep(byte[] buffer, int length) {
        synchronized (kept) {
            kept.write(buffer, 0, length);
            if (kept.size() > KEEP) {
                byte[] all = kept.toByteArray();
                kept.reset();
                kept.write(all, all.length - KEEP, KEEP);
            }
        }
    }
}
