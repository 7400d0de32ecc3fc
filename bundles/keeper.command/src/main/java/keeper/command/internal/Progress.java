package keeper.command.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import keeper.api.spi.command.Reply;
import keeper.api.spi.command.ReplyFeed;
import keeper.api.spi.command.Request;

/**
 * Work of a command that may take long ({@code start all} of 3000 children, a stop that waits out a stop timeout),
 * asked with {@value #OPTION}: it runs on a thread of its own. Done within the patience, it is answered as without the
 * option; else the answer is a streamed reply that says every interval how far it got and ends with the work's own
 * reply, so the client's deadline counts from the last frame rather than from the request. The client asks for it;
 * older clients and the shell, which cannot take a streamed reply, do not, and the work runs on the caller's thread.
 */
final class Progress {

    /** The option word that asks for progress frames instead of one late reply. */
    static final String OPTION = "--progress";
    /** Well inside the shortest client timeout (1 s): the first line must come before a client gives up. */
    static final Duration PATIENCE = Duration.ofMillis(500);
    static final Duration INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = System.getLogger(Progress.class.getName());

    private final Duration patience;
    private final Duration interval;

    /**
     * @param patience how long the work may take before the reply becomes a stream
     * @param interval how often the stream says how far the work got
     */
    Progress(Duration patience, Duration interval) {
        this.patience = patience;
        this.interval = interval;
    }

    /**
     * @param work   what the command does; its reply is the final one, whether streamed or not
     * @param howFar a few words on where the work stands now, e.g. {@code 1200 children running}
     */
    Reply run(Request request, Supplier<Reply> work, Supplier<String> howFar) {
        String shown = withoutOption(request).toString();
        CompletableFuture<Reply> done = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                done.complete(work.get());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }, "keeper-command-" + request.command());
        worker.setDaemon(true);
        long began = System.nanoTime();
        worker.start();
        try {
            return done.get(patience.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            // the dispatcher words and logs a failed command, as without the option
            throw (RuntimeException) e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.error("'" + shown + "' was interrupted; it goes on in the server");
        } catch (TimeoutException e) {
            Feed feed = new Feed(shown, done, howFar, began);
            return Reply.followed(feed.line(System.nanoTime()), feed);
        }
    }

    /** The request as the person wrote it, for the progress lines and the words of a failure. */
    static Request withoutOption(Request request) {
        return new Request(request.command(), request.target(),
                request.options().stream().filter(option -> !option.equals(OPTION)).toList());
    }

    /** The stream: a line per interval while the work runs, then the work's reply. */
    private final class Feed implements ReplyFeed {

        private final String shown;
        private final CompletableFuture<Reply> done;
        private final Supplier<String> howFar;
        private final long began;
        private long nextLine;

        Feed(String shown, CompletableFuture<Reply> done, Supplier<String> howFar, long began) {
            this.shown = shown;
            this.done = done;
            this.howFar = howFar;
            this.began = began;
        }

        @Override
        public String poll(int maxBytes) {
            long now = System.nanoTime();
            return done.isDone() || now - nextLine < 0 ? "" : line(now);
        }

        String line(long now) {
            nextLine = now + interval.toNanos();
            String where;
            try {
                where = howFar.get();
            } catch (RuntimeException e) {
                where = "in progress";
            }
            return shown + ": " + where + " (" + TimeUnit.NANOSECONDS.toSeconds(now - began) + " s)\n";
        }

        @Override
        public Optional<Reply> end() {
            if (!done.isDone()) {
                return Optional.empty();
            }
            try {
                return Optional.of(done.join());
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                LOG.log(Level.ERROR, "command '" + shown + "' failed", cause);
                return Optional.of(Reply.error("'" + shown + "' failed: "
                        + (cause.getMessage() != null ? cause.getMessage() : cause.toString())));
            }
        }

        /** A client that hangs up does not stop the work half-way: it carries on, as it would without the option. */
        @Override
        public void close() {
        }
    }
}
