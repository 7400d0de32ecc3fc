package keeper.itests.harness;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Speaks the wire protocol byte by byte, without Keeper's own code: frames a test builds by hand
 * (malformed, oversize, tampered, replayed) reach the server exactly as written.
 */
public final class RawClient implements AutoCloseable {

    private final Socket socket;

    private RawClient(Socket socket) {
        this.socket = socket;
    }

    public static RawClient connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(15_000);
        return new RawClient(socket);
    }

    /** Sends {@code text} as one frame and answers the reply frame's text. */
    public static String exchange(int port, String text) throws IOException {
        try (RawClient client = connect("127.0.0.1", port)) {
            client.send(text);
            return client.reply();
        }
    }

    public void send(String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(body.length);
        out.write(body);
        out.flush();
    }

    /** Sends only a length prefix, claiming a frame of {@code length} bytes. */
    public void sendLength(int length) throws IOException {
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(length);
        out.flush();
    }

    public String reply() throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] reply = new byte[in.readInt()];
        in.readFully(reply);
        return new String(reply, StandardCharsets.UTF_8);
    }

    /** Waits up to {@code millis} for the server to close the connection (after any farewell reply); true when it did. */
    public boolean closedByServerWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            while (socket.getInputStream().read() != -1) {
                // a farewell such as "ERR request timed out" may come first
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
