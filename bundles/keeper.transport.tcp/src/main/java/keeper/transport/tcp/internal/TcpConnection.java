package keeper.transport.tcp.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

import keeper.api.spi.transport.Connection;
import keeper.protocol.ConnectFailures;

/** A connected socket to one server; a reply that does not come in time fails with a message naming the server. */
final class TcpConnection implements Connection {

    private final Socket socket;
    private final InputStream input;
    private final OutputStream output;

    TcpConnection(Socket socket, String where, Duration timeout) throws IOException {
        this.socket = socket;
        this.output = socket.getOutputStream();
        this.input = new FilterInputStream(socket.getInputStream()) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (SocketTimeoutException e) {
                    throw noReply(where, timeout);
                }
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                try {
                    return super.read(buffer, offset, length);
                } catch (SocketTimeoutException e) {
                    throw noReply(where, timeout);
                }
            }
        };
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
    public void close() throws IOException {
        socket.close();
    }

    private static SocketTimeoutException noReply(String where, Duration timeout) {
        return new SocketTimeoutException("no reply from " + where + " within " + ConnectFailures.seconds(timeout)
                + " (the server may be overloaded, or a command is still running)");
    }
}
