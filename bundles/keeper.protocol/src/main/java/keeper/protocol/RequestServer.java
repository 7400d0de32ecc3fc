package keeper.protocol;

import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import keeper.api.CommandDispatcher;
import keeper.api.spi.command.Caller;
import keeper.api.spi.command.Reply;
import keeper.api.spi.command.ReplyFeed;

/**
 * Serves Keeper requests on a bound server socket, for every transport: one request per connection.
 * A transport supplies only the bound socket and who a caller is. Before its request, a client may ask
 * the server's id with a {@link Hello}, on the same connection and within the same deadline.
 *
 * <p>One selector thread accepts connections and reads each request frame without blocking, so a peer
 * that dribbles bytes costs a small buffer and no thread. Only complete requests reach the bounded pool
 * of workers; the selector thread writes their replies. A connection has {@link Limits#requestDeadline()}
 * from accept to deliver its whole request and {@link Limits#replyDeadline()} to take the reply. The
 * number of connections is capped in total and per caller address; when a cap is reached, the
 * connection that has been sending its request the longest makes room. An accept that fails (e.g. out
 * of file descriptors) pauses accepting with a growing back-off instead of spinning. Closing stops
 * accepting and reading, and lets requests in flight finish and be answered within the drain time.
 *
 * <p>A command may answer with a reply that goes on (a followed log): its frames come from one feed thread for
 * all such replies ({@link Feeds}), one frame in flight per connection, until the peer hangs up (noticed by
 * reading end-of-stream) or the server closes (each gets a last frame saying so).
 */
public final class RequestServer implements Closeable {

    private static final Logger LOG = System.getLogger(RequestServer.class.getName());
    private static final String BUSY = "server busy: too many requests at once, try again";
    private static final long TICK_MILLIS = 100;
    private static final int ACCEPTS_PER_WAKE = 64;
    private static final long FIRST_ACCEPT_PAUSE_MILLIS = 100;
    private static final long LONGEST_ACCEPT_PAUSE_MILLIS = 1_000;
    private static final int UNREAD_BYTES_SKIPPED = 64 * 1024;

    /** Who a connection's caller is; the transport knows. */
    @FunctionalInterface
    public interface Callers {
        Caller of(SocketChannel client) throws IOException;
    }

    /**
     * @param requestDeadline       from accept until the whole request has arrived; then "no complete request"
     * @param replyDeadline         for the peer to take the reply
     * @param workers               requests dispatched at once
     * @param queue                 complete requests waiting for a worker; beyond that: "server busy"
     * @param connections           connections open at once
     * @param connectionsPerAddress connections open at once from one caller address
     * @param drain                 how long closing waits for requests in flight
     */
    public record Limits(Duration requestDeadline, Duration replyDeadline, int workers, int queue, int connections,
            int connectionsPerAddress, Duration drain) {
    }

    private final String where;
    private final String serverId;
    private final ServerSocketChannel server;
    private final Callers callers;
    private final CommandDispatcher dispatcher;
    private final Limits limits;
    private final Selector selector;
    private final SelectionKey accepting;
    private final ThreadPoolExecutor workers;
    private final Thread io;
    private final RefusalLog refusals = new RefusalLog(LOG);
    private final Feeds feeds;
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final CountDownLatch drained = new CountDownLatch(1);
    private volatile boolean closing;
    private volatile boolean stopped;

    // Owned by the selector thread.
    private final OpenConversations conversations = new OpenConversations();
    private int acceptFailures;
    private long resumeAcceptingAt;
    private long nextTick;
    private boolean reading = true;

    private RequestServer(String name, String where, String serverId, ServerSocketChannel server, Callers callers,
            CommandDispatcher dispatcher, Limits limits) throws IOException {
        this.where = where;
        this.serverId = serverId;
        this.server = server;
        this.callers = callers;
        this.dispatcher = dispatcher;
        this.limits = limits;
        this.selector = Selector.open();
        server.configureBlocking(false);
        this.accepting = server.register(selector, SelectionKey.OP_ACCEPT);
        this.workers = new RequestWorkers(limits.workers(), limits.queue(), numbered("keeper-" + name + "-worker"));
        this.feeds = new Feeds(name, this::sendFrame);
        this.io = new Thread(this::run, "keeper-" + name + "-io");
        this.io.setDaemon(true);
    }

    /**
     * Starts serving on {@code bound}, which this server then owns and closes.
     *
     * @param name     the transport's name, for thread names ({@code keeper-tcp-io}, {@code keeper-tcp-worker-1})
     * @param where    the listening address, for log lines
     * @param serverId this server's id ({@code keeper.server.id}), the answer to a {@link Hello}
     */
    public static RequestServer start(String name, String where, String serverId, ServerSocketChannel bound,
            Callers callers, CommandDispatcher dispatcher, Limits limits) throws IOException {
        RequestServer started = new RequestServer(name, where, serverId, bound, callers, dispatcher, limits);
        started.io.start();
        return started;
    }

    /** Stops accepting, lets requests in flight finish and be answered within the drain time, then closes what is left. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        feeds.stop();
        selector.wakeup();
        workers.shutdown();
        long end = System.nanoTime() + limits.drain().toNanos();
        try {
            if (!workers.awaitTermination(limits.drain().toMillis(), TimeUnit.MILLISECONDS)
                    || !drained.await(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                LOG.log(Level.WARNING, "requests were still in flight " + limits.drain().toMillis()
                        + " ms after the listener on " + where + " closed; closing their connections");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped = true;
            selector.wakeup();
            workers.shutdownNow();
            joinIo();
            refusals.flush();
        }
    }

    private void run() {
        try {
            while (!stopped) {
                selector.select(this::ready, idle() ? 0 : TICK_MILLIS);
                long now = System.nanoTime();
                takeAnswers();
                if (closing) {
                    stopReading();
                }
                if (now - nextTick >= 0) {
                    nextTick = now + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
                    expire(now);
                    resumeAccepting(now);
                }
                if (closing && conversations.isEmpty()) {
                    drained.countDown();
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "the listener on " + where + " stopped: " + e, e);
        } finally {
            conversations.all().forEach(this::finish);
            feeds.close();
            closeQuietly(server);
            closeQuietly(selector);
            drained.countDown();
        }
    }

    /**
     * Nothing has a deadline or a pause to end: the selector thread sleeps until a connection, an answer or
     * {@link #close()} wakes it, so an idle server costs no wake-ups (0 means no timeout to the selector).
     */
    private boolean idle() {
        return conversations.isEmpty() && acceptFailures == 0;
    }

    private void ready(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key == accepting) {
            acceptSome();
            return;
        }
        Conversation conversation = (Conversation) key.attachment();
        if (key.isReadable() && conversation.stage() == Conversation.Stage.STREAMING) {
            if (conversation.hungUp()) {
                finish(conversation);
                return;
            }
        } else if (key.isReadable()) {
            readFrom(conversation);
            return;
        }
        if (key.isValid() && key.isWritable()) {
            writeTo(conversation);
        }
    }

    private void acceptSome() {
        for (int i = 0; i < ACCEPTS_PER_WAKE; i++) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                pauseAccepting(e);
                return;
            }
            if (client == null) {
                return;
            }
            if (acceptFailures > 0) {
                LOG.log(Level.INFO, "accepting on " + where + " again after " + acceptFailures + " failed attempts");
                acceptFailures = 0;
            }
            admit(client);
        }
    }

    /**
     * A failing accept (e.g. out of file descriptors) fails again at once while the connection waits in
     * the backlog: stop asking for a while, longer each time, instead of spinning a core.
     */
    private void pauseAccepting(IOException e) {
        if (acceptFailures++ == 0) {
            LOG.log(Level.WARNING, "accepting on " + where + " failed: " + e.getMessage()
                    + "; pausing new connections until it works again");
        }
        long pause = Math.min(FIRST_ACCEPT_PAUSE_MILLIS << Math.min(acceptFailures - 1, 4), LONGEST_ACCEPT_PAUSE_MILLIS);
        accepting.interestOps(0);
        resumeAcceptingAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause);
    }

    private void resumeAccepting(long now) {
        if (acceptFailures > 0 && accepting.isValid() && accepting.interestOps() == 0 && now - resumeAcceptingAt >= 0) {
            accepting.interestOps(SelectionKey.OP_ACCEPT);
        }
    }

    private void admit(SocketChannel client) {
        Caller caller;
        try {
            caller = callers.of(client);
            client.configureBlocking(false);
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        String address = RefusalLog.address(caller.remote());
        if (conversations.from(address) >= limits.connectionsPerAddress() && !makeRoom(address)) {
            turnAway(client, caller, address, "too many connections from the address",
                    "server busy: too many connections from " + address + ", try again");
            return;
        }
        if (conversations.size() >= limits.connections() && !makeRoom(null)) {
            turnAway(client, caller, address, "too many connections at once", BUSY);
            return;
        }
        try {
            SelectionKey key = client.register(selector, SelectionKey.OP_READ);
            Conversation conversation = new Conversation(client, key, caller, address,
                    System.nanoTime() + limits.requestDeadline().toNanos());
            key.attach(conversation);
            conversations.add(conversation);
            // A real client's request is often in already, and a flood's connection often closed already:
            // reading now takes both out of the running for the caps before the next connection is admitted.
            readFrom(conversation);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    /**
     * Answers 'server busy' to the connection (from {@code address}, or from anywhere when null) that has
     * been sending its request the longest, and drops it; false if none is still sending. A slow or
     * stalled sender is always the oldest, while a real request arrives at once: so slow connections
     * cannot keep new ones out.
     */
    private boolean makeRoom(String address) {
        Optional<Conversation> longest = conversations.longestReading(address);
        longest.ifPresent(oldest -> {
            refusals.refused(oldest.address, "dropped to make room for new connections", "dropped the connection from "
                    + oldest.caller.remote() + " to make room for a new one");
            oldest.dispatching();
            reply(oldest, Reply.error(BUSY));
        });
        return longest.isPresent();
    }

    private void turnAway(SocketChannel client, Caller caller, String address, String reason, String answer) {
        refusals.refused(address, reason, "turned away a connection from " + caller.remote() + ": " + reason);
        try {
            client.write(ByteBuffer.wrap(Frames.frame(WireFormat.encodeReply(Reply.error(answer)))));
        } catch (IOException e) {
            // The peer is gone: nothing to tell it.
        }
        skipUnreadAndClose(client);
    }

    private void readFrom(Conversation conversation) {
        byte[] payload;
        try {
            payload = conversation.read();
        } catch (ProtocolException e) {
            conversation.dispatching();
            reply(conversation, Reply.error("protocol error: " + e.getMessage()));
            return;
        } catch (IOException e) {
            finish(conversation);
            return;
        }
        if (payload == null) {
            return;
        }
        conversation.dispatching();
        if (Hello.isHello(payload)) {
            greet(conversation);
            return;
        }
        try {
            workers.execute(() -> {
                Exchange.Answer answer = Exchange.respond(payload, conversation.caller, dispatcher);
                answers.add(new Answer(conversation, answer.payload(), answer.feed(), false, true));
                selector.wakeup();
            });
        } catch (RejectedExecutionException e) {
            refusals.refused(conversation.address, "server busy", "answered " + conversation.caller.remote()
                    + " 'server busy': " + limits.workers() + " requests running and " + limits.queue() + " waiting");
            reply(conversation, Reply.error(BUSY));
        }
    }

    /** Answered here, without a worker: the id is all there is to say. */
    private void greet(Conversation conversation) {
        if (conversation.greeted()) {
            reply(conversation, Reply.error("protocol error: one hello per connection"));
            return;
        }
        conversation.greeting(Frames.frame(Hello.reply(serverId)), System.nanoTime() + limits.replyDeadline().toNanos());
        writeTo(conversation);
    }

    private void takeAnswers() {
        for (Answer answer = answers.poll(); answer != null; answer = answers.poll()) {
            Conversation conversation = answer.conversation();
            if (!conversations.contains(conversation)) {
                if (answer.feed() != null) {
                    answer.feed().close();
                }
            } else if (answer.feed() != null) {
                Feeds.Stream stream = new Feeds.Stream(conversation, answer.feed());
                conversation.streaming(stream, Frames.frame(answer.payload()), replyDeadline());
                feeds.add(stream);
                writeTo(conversation);
            } else if (answer.ofStream()) {
                conversation.streamFrame(Frames.frame(answer.payload()), answer.last(), replyDeadline());
                writeTo(conversation);
            } else {
                reply(conversation, answer.payload());
            }
        }
    }

    /** A frame of a streamed reply, from the feed thread. */
    private void sendFrame(Conversation conversation, byte[] payload, boolean last) {
        answers.add(new Answer(conversation, payload, null, true, last));
        selector.wakeup();
    }

    private long replyDeadline() {
        return System.nanoTime() + limits.replyDeadline().toNanos();
    }

    private void reply(Conversation conversation, Reply reply) {
        reply(conversation, WireFormat.encodeReply(reply));
    }

    private void reply(Conversation conversation, byte[] payload) {
        conversation.replying(Frames.frame(payload), System.nanoTime() + limits.replyDeadline().toNanos());
        writeTo(conversation);
    }

    private void writeTo(Conversation conversation) {
        try {
            if (conversation.write()) {
                if (!conversation.streamGoesOn() && !conversation.readsOn()) {
                    finish(conversation);
                }
            } else {
                // a streaming peer that hangs up while a frame waits is noticed by reading
                conversation.key.interestOps(conversation.stage() == Conversation.Stage.STREAMING
                        ? SelectionKey.OP_WRITE | SelectionKey.OP_READ : SelectionKey.OP_WRITE);
            }
        } catch (IOException e) {
            finish(conversation);
        }
    }

    /** Requests not complete in time are told so; replies not taken in time are dropped with the connection. */
    private void expire(long now) {
        for (Conversation conversation : conversations.all()) {
            if (!conversation.overdue(now)) {
                continue;
            }
            if (conversation.stage() == Conversation.Stage.READING) {
                conversation.dispatching();
                reply(conversation, Reply.error("protocol error: no complete request within "
                        + limits.requestDeadline().toMillis() + " ms of connecting"));
            } else {
                finish(conversation);
            }
        }
    }

    private void stopReading() {
        if (!reading) {
            return;
        }
        reading = false;
        accepting.cancel();
        closeQuietly(server);
        for (Conversation conversation : conversations.all()) {
            if (conversation.stage() == Conversation.Stage.READING) {
                finish(conversation);
            }
        }
    }

    private void finish(Conversation conversation) {
        if (!conversations.remove(conversation)) {
            return;
        }
        conversation.over();
        conversation.key.cancel();
        skipUnreadAndClose(conversation.channel);
    }

    /**
     * Closing a socket with unread input resets the connection, and the peer could lose the reply it
     * has not read yet: skip what it already sent first.
     */
    private static void skipUnreadAndClose(SocketChannel channel) {
        try {
            ByteBuffer scratch = ByteBuffer.allocate(4096);
            for (int skipped = 0; skipped < UNREAD_BYTES_SKIPPED; skipped += scratch.capacity()) {
                scratch.clear();
                if (channel.read(scratch) <= 0) {
                    break;
                }
            }
        } catch (IOException e) {
            // Closing is all that is left to do.
        }
        closeQuietly(channel);
    }

    private void joinIo() {
        try {
            io.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // Nothing is left to release when closing itself fails.
        }
    }

    private static java.util.concurrent.ThreadFactory numbered(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * A frame for the selector thread to write: a whole reply, the first frame of a streamed one (with its
     * {@code feed}), or a later frame of one ({@code ofStream}; {@code last} ends it).
     */
    private record Answer(Conversation conversation, byte[] payload, ReplyFeed feed, boolean ofStream, boolean last) {
    }
}
