package keeper.transport.ssh.internal;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import keeper.api.spi.transport.Connection;

/**
 * A running {@code ssh -W} whose stdin/stdout are the byte stream to the remote Keeper server.
 *
 * <p>ssh reports every failure the same way: it writes a reason to stderr, exits with 255 and its
 * stdout ends. The caller would only see a bare end of stream (or a broken pipe while writing), so
 * both streams turn those into the reason ssh gave. Until the first reply byte arrives, a deadline
 * bounds everything ssh may wait for (TCP connect, key exchange, authentication, a ProxyJump, the
 * server's work); after it ssh is stopped. Closing the connection stops ssh by its pid and reaps it.
 */
final class SshTunnel implements Connection {

    /** How long a failed ssh may take to exit and finish its stderr once its stdout has ended. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(2);
    private static final Duration STOP_GRACE = Duration.ofSeconds(1);

    private final Process process;
    private final TunnelCommand command;
    private final SshSettings settings;
    private final Duration timeout;
    private final StderrTail stderr;
    private final InputStream input;
    private final OutputStream output;
    private final Future<Void> deadline;
    private volatile boolean answered;
    private volatile boolean expired;
    private volatile boolean closed;

    private SshTunnel(Process process, TunnelCommand command, SshSettings settings, Duration timeout) {
        this.process = process;
        this.command = command;
        this.settings = settings;
        this.timeout = timeout;
        this.stderr = StderrTail.capture(process.getErrorStream());
        this.input = new TunnelInput(process.getInputStream());
        this.output = new TunnelOutput(process.getOutputStream());
        this.deadline = CompletableFuture.runAsync(this::expire,
                CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    static SshTunnel open(TunnelCommand command, SshSettings settings, Duration timeout) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command.argv());
        settings.applyAgent(builder.environment());
        try {
            return new SshTunnel(builder.start(), command, settings, timeout);
        } catch (IOException e) {
            throw new IOException(settings.defaultBinary() ? "ssh client not found (install openssh-client)"
                    : "ssh client '" + settings.binary() + "' (" + SshSettings.BINARY_VARIABLE + " or -D"
                            + SshSettings.BINARY_PROPERTY + ") cannot be run: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        deadline.cancel(false);
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // ssh is gone already: nothing is left to flush
        }
        stop();
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void expire() {
        if (!answered && !closed && process.isAlive()) {
            expired = true;
            process.destroy();
        }
    }

    /** Why ssh failed, once it has; empty when it ended normally or still runs. */
    private Optional<IOException> failure() {
        try {
            if (!process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() == 0 || closed) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        String reported = stderr.await(EXIT_GRACE);
        String message = SshFailures.recognise(command, reported, () -> AgentCheck.hint(settings))
                .orElseGet(() -> expired
                        ? "ssh to " + command.destination() + ": no answer within " + seconds(timeout) + " s"
                        : SshFailures.lastWords(command, reported, process.exitValue()));
        return Optional.of(new IOException(message));
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? Long.toString(duration.toSeconds())
                : String.format("%.1f", duration.toMillis() / 1000.0);
    }

    /** The reply stream: ssh's end of stream after a failure becomes the reason for it. */
    private final class TunnelInput extends FilterInputStream {
        TunnelInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b < 0) {
                return endOfStream();
            }
            answered = true;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n < 0) {
                return endOfStream();
            }
            if (n > 0) {
                answered = true;
            }
            return n;
        }

        private int endOfStream() throws IOException {
            Optional<IOException> failure = failure();
            if (failure.isPresent()) {
                throw failure.get();
            }
            return -1;
        }
    }

    /** The request stream: a broken pipe to a failed ssh becomes the reason it failed. */
    private final class TunnelOutput extends FilterOutputStream {
        TunnelOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw failure().orElse(e);
            }
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            try {
                out.write(buffer, offset, length);
            } catch (IOException e) {
                throw failure().orElse(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw failure().orElse(e);
            }
        }
    }
}
