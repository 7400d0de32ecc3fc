package keeper.protocol;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import keeper.api.spi.command.Reply;
import keeper.api.spi.command.ReplyFeed;

/**
 * The streamed replies of a {@link RequestServer} (followed logs, a long command's progress): one thread asks every feed for more a
 * few times a second and hands each piece to the selector thread as a frame. A stream has at most one frame in
 * flight, so a slow reader holds one frame of memory and is dropped at the reply deadline, never buffered for.
 * A stream that has nothing to send gets an empty frame every {@link #HEARTBEAT_NANOS}, which keeps a client's
 * read timeout from firing and finds a peer that went away without closing. A feed that {@linkplain ReplyFeed#end()
 * ends} gets its final reply sent as the stream's last frame. Only this thread touches a feed.
 */
final class Feeds {

    /** How much a feed may give at once: one frame. */
    static final int CHUNK = 64 * 1024;
    private static final long PERIOD_MILLIS = 200;
    private static final long HEARTBEAT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    /** Where frames go: the selector thread, which writes them. */
    @FunctionalInterface
    interface Frames {
        void send(Conversation conversation, byte[] payload, boolean last);
    }

    /** One streamed reply; {@link #over} is set by the selector thread when its connection is gone. */
    static final class Stream {
        final Conversation conversation;
        final ReplyFeed feed;
        /** A frame of this stream is queued or being written; cleared by the selector thread once written. */
        volatile boolean inFlight = true;
        volatile boolean over;
        private boolean ending;
        private long lastSent = System.nanoTime();

        Stream(Conversation conversation, ReplyFeed feed) {
            this.conversation = conversation;
            this.feed = feed;
        }
    }

    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor timer;
    private final Frames frames;
    private volatile boolean stopping;
    /** The rounds, scheduled only while there are streams: an idle server is not woken for them. */
    private ScheduledFuture<?> rounds;

    Feeds(String name, Frames frames) {
        this.frames = frames;
        this.timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "keeper-" + name + "-feeds");
            thread.setDaemon(true);
            return thread;
        });
        // its one thread exists from the start, so the first follower adds none
        timer.prestartCoreThread();
    }

    synchronized void add(Stream stream) {
        streams.add(stream);
        if (rounds == null) {
            rounds = timer.scheduleWithFixedDelay(this::tick, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Ends every stream with a last frame that says why; new ones end at once. */
    void stop() {
        stopping = true;
    }

    /** Stops asking and closes every feed left. */
    void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        streams.forEach(stream -> stream.feed.close());
        streams.clear();
    }

    private void tick() {
        synchronized (this) {
            if (streams.isEmpty()) {
                rounds.cancel(false);
                rounds = null;
                return;
            }
        }
        for (Stream stream : streams) {
            if (stream.over) {
                streams.remove(stream);
                stream.feed.close();
            } else if (!stream.inFlight && !stream.ending) {
                next(stream);
            }
        }
    }

    private void next(Stream stream) {
        if (stopping) {
            end(stream, "stopped following: the server is stopping");
            return;
        }
        String text;
        try {
            text = stream.feed.poll(CHUNK);
        } catch (Exception e) {
            end(stream, "stopped following: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return;
        }
        if (text.isEmpty()) {
            Optional<Reply> end = stream.feed.end();
            if (end.isPresent()) {
                last(stream, end.get());
                return;
            }
        }
        long now = System.nanoTime();
        if (!text.isEmpty() || now - stream.lastSent >= HEARTBEAT_NANOS) {
            stream.lastSent = now;
            stream.inFlight = true;
            frames.send(stream.conversation, WireFormat.encodeMore(text), false);
        }
    }

    private void end(Stream stream, String why) {
        last(stream, Reply.error(why));
    }

    private void last(Stream stream, Reply reply) {
        stream.ending = true;
        stream.inFlight = true;
        frames.send(stream.conversation, WireFormat.encodeReply(reply), true);
    }
}
