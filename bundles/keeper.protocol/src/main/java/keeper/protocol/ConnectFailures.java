package keeper.protocol;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

/**
 * Why a client cannot reach a server over TCP, in words a person can act on (the JDK's say little): one
 * wording for the tcp transport's blocking connector and the client's non-blocking fan-out, so a host fails
 * the same way whichever asked.
 */
public final class ConnectFailures {

    private ConnectFailures() {
    }

    /** Why the client cannot reach {@code where} ({@code host:port}). */
    public static String connect(String where, Duration timeout, IOException e) {
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

    /** {@code 10 s}, or {@code 300 ms} for a timeout that is not whole seconds. */
    public static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static String lower(IOException e) {
        return String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    }
}
