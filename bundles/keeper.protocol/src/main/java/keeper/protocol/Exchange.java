package keeper.protocol;

import java.io.EOFException;
import java.io.IOException;

import keeper.api.CommandDispatcher;
import keeper.api.spi.auth.Envelope;
import keeper.api.spi.command.Caller;
import keeper.api.spi.command.Reply;
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
        Reply reply;
        try {
            reply = dispatcher.dispatch(WireFormat.decodeRequest(payload), caller);
        } catch (ProtocolException e) {
            reply = Reply.error("protocol error: " + e.getMessage());
        } catch (RuntimeException e) {
            reply = Reply.error("internal error: " + e);
        }
        return WireFormat.encodeReply(reply, payload);
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
        Frames.write(connection.output(), WireFormat.encodeRequest(envelope));
        try {
            return WireFormat.decodeReply(Frames.read(connection.input(), Frames.MAX_REPLY));
        } catch (EOFException e) {
            throw new EOFException("the server closed the connection without answering");
        }
    }
}
