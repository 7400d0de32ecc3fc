package keeper.client;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;

import keeper.api.spi.auth.Envelope;
import keeper.api.spi.command.Reply;
import keeper.api.spi.transport.Endpoint;
import keeper.protocol.Frames;
import keeper.protocol.Hello;
import keeper.protocol.WireFormat;

/**
 * One host's exchange over a non-blocking socket, step by step as bytes can move: connect, then (for a
 * signed request) the hello and its reply, then the request and its reply (after the pieces of a streamed one).
 * {@link TcpCalls} drives it.
 */
final class TcpCall {

    enum Step { WAITING, RESOLVING, CONNECTING, HELLO, REQUEST, DONE }

    final int index;
    final Endpoint endpoint;
    final String where;
    Step step = Step.WAITING;
    long deadline;
    SocketChannel channel;
    HostReply reply;
    private ByteBuffer outgoing;
    private final ByteBuffer length = ByteBuffer.allocate(4);
    private ByteBuffer payload;

    TcpCall(int index, Endpoint endpoint, String where) {
        this.index = index;
        this.endpoint = endpoint;
        this.where = where;
    }

    /** Connected: queue the hello when the request is to be signed for this server, else the request itself. */
    void connected(Envelope unsigned, HostCall.Signing signing) {
        if (signing != null) {
            send(Step.HELLO, Hello.request());
        } else {
            send(Step.REQUEST, WireFormat.encodeRequest(unsigned));
        }
    }

    boolean wantsWrite() {
        return outgoing != null && outgoing.hasRemaining();
    }

    void write() throws IOException {
        channel.write(outgoing);
    }

    /**
     * Reads what has arrived; when a whole frame is in, moves on: after the hello reply, the request signed
     * for the id it told; after a piece of a streamed reply, to {@code streamed} (if any) and on to the next frame;
     * after the reply, done.
     *
     * @return whether a piece of a streamed reply came
     */
    boolean read(Envelope unsigned, HostCall.Signing signing, RemoteClient.Streamed streamed) throws IOException {
        byte[] frame = readFrame();
        if (frame == null) {
            return false;
        }
        if (step == Step.HELLO) {
            String serverId = Hello.serverId(frame);
            send(Step.REQUEST, WireFormat.encodeRequest(signing.forServer(serverId)));
            return false;
        }
        Optional<String> piece = WireFormat.decodeMore(frame);
        if (piece.isPresent()) {
            length.clear();
            payload = null;
            if (streamed != null && !piece.get().isEmpty()) {
                streamed.text(endpoint, piece.get());
            }
            return true;
        }
        Reply answer = WireFormat.decodeReply(frame);
        finish(new HostReply(endpoint, answer.ok(), answer.text()));
        return false;
    }

    void finish(HostReply result) {
        reply = result;
        step = Step.DONE;
    }

    private void send(Step next, byte[] request) {
        step = next;
        outgoing = ByteBuffer.wrap(Frames.frame(request));
        length.clear();
        payload = null;
    }

    /** The whole frame once it is in, else null; the length is checked before anything is allocated for it. */
    private byte[] readFrame() throws IOException {
        if (payload == null) {
            if (channel.read(length) < 0) {
                throw new EOFException("the server closed the connection without answering");
            }
            if (length.hasRemaining()) {
                return null;
            }
            int size = length.flip().getInt();
            Frames.checkLength(size, Frames.MAX_REPLY);
            payload = ByteBuffer.allocate(size);
        }
        if (payload.hasRemaining() && channel.read(payload) < 0) {
            throw new EOFException("the server closed the connection without answering");
        }
        return payload.hasRemaining() ? null : payload.array();
    }
}
