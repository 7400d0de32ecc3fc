package keeper.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import keeper.api.spi.command.Caller;

/**
 * One connection of a {@link RequestServer}, driven by its selector thread: reading the request frame
 * as bytes arrive, waiting for a worker's reply, then writing it. Reading never blocks, so a peer that
 * sends slowly holds a few bytes of buffer and no thread.
 */
final class Conversation {

    enum Stage {
        READING, DISPATCHING, WRITING, STREAMING
    }

    final SocketChannel channel;
    final SelectionKey key;
    final Caller caller;
    /** The caller's address without the port: what per-address limits count. */
    final String address;
    private final ByteBuffer length = ByteBuffer.allocate(4);
    private ByteBuffer payload;
    private ByteBuffer reply;
    private Stage stage = Stage.READING;
    /** {@link System#nanoTime()} by which the whole request must be in: it runs from accept. */
    private final long requestDeadline;
    /** {@link System#nanoTime()} by which the current stage must be over, or 0 when it has no deadline. */
    private long deadline;
    private boolean greeted;
    private boolean readAfterReply;
    /** The streamed reply this connection carries, or null. */
    private Feeds.Stream stream;
    private boolean lastFrame;

    Conversation(SocketChannel channel, SelectionKey key, Caller caller, String address, long requestDeadline) {
        this.channel = channel;
        this.key = key;
        this.caller = caller;
        this.address = address;
        this.requestDeadline = requestDeadline;
        this.deadline = requestDeadline;
    }

    Stage stage() {
        return stage;
    }

    boolean overdue(long now) {
        return deadline != 0 && now - deadline > 0;
    }

    /**
     * Reads what has arrived: the complete request payload, or null while more is to come. The length
     * is checked before the payload's buffer is allocated.
     *
     * @throws EOFException      when the peer closed the connection before the frame was complete
     * @throws ProtocolException when the announced length is above the limit
     */
    byte[] read() throws IOException {
        if (payload == null) {
            if (channel.read(length) < 0) {
                throw new EOFException("connection closed before a frame arrived");
            }
            if (length.hasRemaining()) {
                return null;
            }
            int announced = length.getInt(0);
            Frames.checkLength(announced, Frames.MAX_REQUEST);
            payload = ByteBuffer.allocate(announced);
        }
        if (payload.hasRemaining() && channel.read(payload) < 0) {
            throw new EOFException("connection closed in the middle of a frame");
        }
        return payload.hasRemaining() ? null : payload.array();
    }

    /** The request is complete and with a worker: no deadline, a command takes as long as it takes. */
    void dispatching() {
        stage = Stage.DISPATCHING;
        deadline = 0;
        key.interestOps(0);
    }

    void replying(byte[] frame, long deadline) {
        stage = Stage.WRITING;
        this.deadline = deadline;
        reply = ByteBuffer.wrap(frame);
    }

    /** Starts a streamed reply: its first frame is written now, the rest comes from {@code stream}'s feed. */
    void streaming(Feeds.Stream stream, byte[] frame, long deadline) {
        replying(frame, deadline);
        this.stream = stream;
        stage = Stage.STREAMING;
    }

    /** The next frame of the streamed reply; {@code last} ends it (the connection closes once it is written). */
    void streamFrame(byte[] frame, boolean last, long deadline) {
        reply = ByteBuffer.wrap(frame);
        this.deadline = deadline;
        lastFrame = last;
    }

    /**
     * After a frame is written: true while the streamed reply goes on; the connection then waits for the next
     * frame with no deadline, reading only to notice that the peer hung up.
     */
    boolean streamGoesOn() {
        if (stream == null || lastFrame) {
            return false;
        }
        deadline = 0;
        stream.inFlight = false;
        key.interestOps(SelectionKey.OP_READ);
        return true;
    }

    /**
     * While streaming the peer has nothing more to send: true when it hung up (or sent bytes anyway, which ends
     * the stream too).
     */
    boolean hungUp() {
        try {
            return channel.read(ByteBuffer.allocate(1)) != 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** The connection is over: its stream's feed is closed by the feed thread. */
    void over() {
        if (stream != null) {
            stream.over = true;
        }
    }

    /** A hello was answered once on this connection already. */
    boolean greeted() {
        return greeted;
    }

    /** Answers a hello; once it is written the request is read, still within the deadline from accept. */
    void greeting(byte[] frame, long deadline) {
        replying(frame, deadline);
        greeted = true;
        readAfterReply = true;
    }

    /** After the reply is written: true when the connection goes on to read the request (it was a hello). */
    boolean readsOn() {
        if (!readAfterReply) {
            return false;
        }
        readAfterReply = false;
        stage = Stage.READING;
        deadline = requestDeadline;
        length.clear();
        payload = null;
        key.interestOps(SelectionKey.OP_READ);
        return true;
    }

    /** Writes what the socket takes now; true once the whole reply is written. */
    boolean write() throws IOException {
        channel.write(reply);
        return !reply.hasRemaining();
    }
}
