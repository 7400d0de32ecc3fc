package keeper.itests.harness;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A rogue "Keeper server" for one connection: it answers the hello with an id of its own choosing, keeps the
 * request frame the client then sends (exactly as its bytes came) and answers an error. What an attacker who
 * can write a registration into ZooKeeper would harvest.
 */
public final class RecordingImpostor implements AutoCloseable {

    private final ServerSocket socket;
    private final CompletableFuture<byte[]> request = new CompletableFuture<>();

    private RecordingImpostor(ServerSocket socket) {
        this.socket = socket;
    }

    public static RecordingImpostor start(String serverId) throws IOException {
        RecordingImpostor impostor = new RecordingImpostor(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        Thread thread = new Thread(() -> impostor.serve(serverId), "impostor");
        thread.setDaemon(true);
        thread.start();
        return impostor;
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** The request frame's payload the client sent, once it came. */
    public byte[] request() throws Exception {
        return request.get(30, TimeUnit.SECONDS);
    }

    private void serve(String serverId) {
        try (Socket client = socket.accept()) {
            DataInputStream in = new DataInputStream(client.getInputStream());
            DataOutputStream out = new DataOutputStream(client.getOutputStream());
            read(in);
            write(out, "KEEPER/2 HELLO\nserver: " + serverId);
            request.complete(read(in));
            write(out, "KEEPER/2 ERR\nrecorded");
        } catch (IOException e) {
            request.completeExceptionally(e);
        }
    }

    private static byte[] read(DataInputStream in) throws IOException {
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        return payload;
    }

    private static void write(DataOutputStream out, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
