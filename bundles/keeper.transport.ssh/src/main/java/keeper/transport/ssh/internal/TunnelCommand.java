package keeper.transport.ssh.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import keeper.api.ServerConfig;
import keeper.api.spi.transport.Endpoint;

/**
 * The ssh command line that turns the ssh client's stdin/stdout into a byte stream to the Keeper
 * server on the remote host's loopback ({@code ssh -W 127.0.0.1:PORT}). Every part taken from the
 * endpoint is checked first: an address typed by a person (or read from a script) must never become
 * an ssh option such as {@code -oProxyCommand=...}.
 *
 * @param argv        the full command, binary first
 * @param destination the remote side as the user wrote it, e.g. {@code ops@db:2222}, for messages
 * @param manual      the ssh command a person runs to reach the same host by hand, for hints
 * @param keeperPort  the Keeper port on the remote loopback
 */
record TunnelCommand(List<String> argv, String destination, String manual, int keeperPort) {

    /** Where the server listens on the remote host: the seed's advice is to bind it to loopback. */
    static final String REMOTE_ADDRESS = "127.0.0.1";
    static final String PORT_PARAMETER = "port";

    /** Host names, IPv4 and IPv6 addresses (with a zone); never a leading '-'. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_:][A-Za-z0-9_.:%-]{0,252}");
    private static final String HOST_RULE = "letters, digits, '.', '_', '-', ':', '%'; not starting with '-'";
    /** POSIX portable user names; never a leading '-'. */
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
    private static final String USER_RULE = "letters, digits, '.', '_', '-'; not starting with '-'";

    TunnelCommand {
        argv = List.copyOf(argv);
    }

    static TunnelCommand of(Endpoint endpoint, SshSettings settings, Duration timeout) throws IOException {
        String host = plain(endpoint, "host", endpoint.host(), HOST, HOST_RULE);
        String user = endpoint.user() == null ? null : plain(endpoint, "user", endpoint.user(), USER, USER_RULE);
        int sshPort = endpoint.port();
        if (sshPort != -1 && !validPort(sshPort)) {
            throw invalid(endpoint, "ssh port " + sshPort + " is not a number from 1 to 65535");
        }
        int keeperPort = keeperPort(endpoint);

        List<String> argv = new ArrayList<>(List.of(settings.binary(),
                "-W", REMOTE_ADDRESS + ":" + keeperPort,
                "-o", "BatchMode=yes",
                "-o", "ConnectTimeout=" + connectTimeoutSeconds(timeout),
                "-o", "ClearAllForwardings=yes"));
        List<String> manual = new ArrayList<>(List.of(SshSettings.DEFAULT_BINARY));
        List<String> target = new ArrayList<>();
        if (settings.config() != null) {
            target.addAll(List.of("-F", settings.config().toString()));
        }
        if (sshPort != -1) {
            target.addAll(List.of("-p", Integer.toString(sshPort)));
        }
        argv.addAll(target);
        manual.addAll(target);
        if (user != null) {
            argv.addAll(List.of("-l", user));
        }
        argv.addAll(List.of("--", host));
        manual.add(user == null ? host : user + "@" + host);
        return new TunnelCommand(argv, destination(user, host, sshPort), String.join(" ", manual), keeperPort);
    }

    /**
     * ssh's own connect timeout, a second under the caller's so that ssh's precise reason ("Connection
     * timed out") arrives before the caller's deadline turns it into a bare "no answer".
     */
    static long connectTimeoutSeconds(Duration timeout) {
        long seconds = (timeout.toMillis() + 999) / 1000;
        return Math.max(1, seconds - 1);
    }

    private static int keeperPort(Endpoint endpoint) throws IOException {
        for (String name : endpoint.params().keySet()) {
            if (!PORT_PARAMETER.equals(name)) {
                throw invalid(endpoint, "unknown parameter '" + name + "' (ssh:// takes only ?port=N, the remote Keeper port)");
            }
        }
        String value = endpoint.params().get(PORT_PARAMETER);
        if (value == null) {
            return ServerConfig.DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (validPort(port)) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the value as written
        }
        throw invalid(endpoint, "remote Keeper port '" + value + "' is not a number from 1 to 65535");
    }

    private static String plain(Endpoint endpoint, String what, String value, Pattern allowed, String rule)
            throws IOException {
        if (value == null || !allowed.matcher(value).matches()) {
            throw invalid(endpoint, what + " '" + printable(value) + "' is not a plain " + what + " name (" + rule + ")");
        }
        return value;
    }

    private static IOException invalid(Endpoint endpoint, String problem) {
        return new IOException(printable(endpoint.text()) + ": " + problem);
    }

    private static boolean validPort(int port) {
        return port >= 1 && port <= 65535;
    }

    private static String destination(String user, String host, int sshPort) {
        String at = user == null ? "" : user + "@";
        if (sshPort == -1) {
            return at + host;
        }
        return at + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + sshPort;
    }

    /** Keeps a message on one line whatever the endpoint holds. */
    private static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
