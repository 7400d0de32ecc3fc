package keeper.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import keeper.api.CommandDispatcher;
import keeper.api.spi.auth.Envelope;
import keeper.api.spi.command.Caller;
import keeper.api.spi.command.Reply;
import keeper.api.spi.transport.Connection;

/** One request and its reply over a stream: the server side and the client side of every transport. */
public final class Exchange {

    private Exchange() {
    }

    /**
     * Serves one request: reads it, dispatches it and writes the reply. Protocol errors are answered
     * with an error reply naming what was wrong; only I/O failures (the peer went away) propagate.
     */
    public static void serve(InputStream in, OutputStream out, Caller caller, CommandDispatcher dispatcher)
            throws IOException {
        Reply reply;
        try {
            Envelope envelope = WireFormat.decodeRequest(Frames.read(in, Frames.MAX_REQUEST));
            reply = dispatcher.dispatch(envelope, caller);
        } catch (EOFException e) {
            return;
        } catch (ProtocolException e) {
            reply = Reply.error("protocol error: " + e.getMessage());
        }
        Frames.write(out, WireFormat.encodeReply(reply));
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
