package keeper.transport.tcp.internal;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

/** Socket errors reworded so that a person knows what to do: the JDK's messages say little. */
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

    /** Why the client cannot reach {@code where} ({@code host:port}). */
    static String connect(String where, Duration timeout, IOException e) {
        if (e instanceof UnknownHostException) {
            return "cannot connect to " + where + ": unknown host";
        }
        if (e instanceof SocketTimeoutException) {
            return "cannot connect to " + where + ": no answer within " + seconds(timeout)
                    + " (is the host up, or does a firewall drop the packets?)";
        }
        if (e instanceof ConnectException && lower(e).contains("refused")) {
            return "cannot connect to " + where + ": connection refused (is keeper-server running there?)";
        }
        if (e instanceof NoRouteToHostException) {
            return "cannot connect to " + where + ": no route to host (is the host up and the address right?)";
        }
        return "cannot connect to " + where + ": " + (e.getMessage() != null ? lower(e) : e.toString());
    }

    static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static String lower(IOException e) {
        return String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    }
}
