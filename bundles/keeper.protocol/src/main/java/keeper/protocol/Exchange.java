package keeper.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.util.Optional;

import keeper.api.CommandDispatcher;
import keeper.api.spi.auth.Envelope;
import keeper.api.spi.command.Caller;
import keeper.api.spi.command.Reply;
import keeper.api.spi.command.ReplyFeed;
import keeper.api.spi.transport.Connection;

/** One request and its reply: what the server answers to a request frame, and the client's side of a call. */
public final class Exchange {

    private Exchange() {
    }

    /**
     * The reply payload to one request payload. Protocol errors are answered with an error reply naming
     * what was wrong, a version 1 request in version 1's format; never throws.
     */
    public static byte[] answer(byte[] payload, Caller caller, CommandDispatcher dispatcher) {
        Answer answer = respond(payload, caller, dispatcher);
        if (answer.feed() != null) {
            answer.feed().close();
            return WireFormat.encodeReply(Reply.error("this front end cannot send a reply that goes on"), payload);
        }
        return answer.payload();
    }

    /**
     * What the server sends for one request payload: a reply, or the first frame of a streamed reply and the
     * feed that gives the rest ({@link WireFormat#encodeMore}).
     *
     * @param payload the first frame to send
     * @param feed    the rest of a streamed reply, or {@code null} when {@code payload} is the whole reply
     */
    public record Answer(byte[] payload, ReplyFeed feed) {
    }

    /** Like {@link #answer}, keeping a streamed reply's feed for the caller to send from. */
    public static Answer respond(byte[] payload, Caller caller, CommandDispatcher dispatcher) {
        Reply reply;
        try {
            reply = dispatcher.dispatch(WireFormat.decodeRequest(payload), caller);
        } catch (ProtocolException e) {
            reply = Reply.error("protocol error: " + e.getMessage());
        } catch (RuntimeException e) {
            reply = Reply.error("internal error: " + e);
        }
        return reply.feed() != null ? new Answer(WireFormat.encodeMore(reply.text()), reply.feed())
                : new Answer(WireFormat.encodeReply(reply, payload), null);
    }

    /** Asks the server on an open connection for its id, before sending a request signed for it. */
    public static String hello(Connection connection) throws IOException {
        Frames.write(connection.output(), Hello.request());
        try {
            return Hello.serverId(Frames.read(connection.input(), Frames.MAX_REPLY));
        } catch (EOFException e) {
            throw new EOFException("the server closed the connection without answering");
        }
    }

    /** Sends one request over an open connection and reads the reply. */
    public static Reply call(Connection connection, Envelope envelope) throws IOException {
        return call(connection, envelope, more -> {
            throw new ProtocolException("a streamed reply to a request that did not ask for one");
        });
    }

    /** What a client does with each frame of a streamed reply as it arrives. */
    @FunctionalInterface
    public interface More {
        void accept(String text) throws IOException;
    }

    /**
     * Sends one request and reads its reply; the text of every frame of a streamed reply (e.g. a followed log)
     * goes to {@code more} as it arrives, until the final reply, which is returned.
     */
    public static Reply call(Connection connection, Envelope envelope, More more) throws IOException {
        Frames.write(connection.output(), WireFormat.encodeRequest(envelope));
        try {
            while (true) {
                byte[] frame = Frames.read(connection.input(), Frames.MAX_REPLY);
                Optional<String> text = WireFormat.decodeMore(frame);
                if (text.isEmpty()) {
                    return WireFormat.decodeReply(frame);
                }
                more.accept(text.get());
            }
        } catch (EOFException e) {
            throw new EOFException("the server closed the connection without answering");
        }
    }
}
