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
     * The reply to one request payload. Protocol errors are answered with an error reply naming what
     * was wrong; never throws.
     */
    public static Reply answer(byte[] payload, Caller caller, CommandDispatcher dispatcher) {
        try {
            return dispatcher.dispatch(WireFormat.decodeRequest(payload), caller);
        } catch (ProtocolException e) {
            return Reply.error("protocol error: " + e.getMessage());
        } catch (RuntimeException e) {
            return Reply.error("internal error: " + e);
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
