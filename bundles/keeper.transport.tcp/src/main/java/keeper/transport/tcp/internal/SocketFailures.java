package keeper.transport.tcp.internal;

import java.io.IOException;
import java.net.BindException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Why the server cannot listen, reworded so that a person knows what to do: the JDK's messages say little.
 * (A client's failures are worded by keeper.protocol's ConnectFailures.)
 */
final class SocketFailures {

    private SocketFailures() {
    }

    /** Why the server cannot listen on {@code where} ({@code host:port}). */
    static String bind(String where, IOException e) {
        String reason = lower(e);
        if (e instanceof UnknownHostException) {
            return "cannot listen on " + where + ": unknown host (check listener_addr in server.yml)";
        }
        if (reason.contains("already in use")) {
            return "cannot listen on " + where + ": address already in use (is another keeper-server running?)";
        }
        if (reason.contains("cannot assign requested address")) {
            return "cannot listen on " + where + ": no network interface of this machine has that address"
                    + " (check listener_addr in server.yml)";
        }
        if (reason.contains("permission denied") || reason.contains("access")) {
            return "cannot listen on " + where + ": permission denied (ports below 1024 need privileges)";
        }
        return "cannot listen on " + where + ": " + (e instanceof BindException ? reason : e.toString());
    }

    private static String lower(IOException e) {
        return String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    }
}
