package keeper.itests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports for servers under test. */
public final class Ports {

    private Ports() {
    }

    /** A port free on {@code address} right now (the OS does not hand it out again soon after). */
    public static int free(String address) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int free() {
        return free("127.0.0.1");
    }
}
