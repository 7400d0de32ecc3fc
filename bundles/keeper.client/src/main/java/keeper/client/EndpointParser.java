package keeper.client;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import keeper.api.spi.transport.Endpoint;

/**
 * Parses one {@code on HOST} entry: {@code name}, {@code name:port}, {@code [v6addr]:port}, a bare IPv6
 * address such as {@code ::1}, or {@code scheme://[user@]host[:port][?name=value&...]}. Without a
 * scheme the host is reached over {@value #DEFAULT_SCHEME}; a port of -1 means the transport's default.
 * A local socket is {@code unix:///absolute/path}: its path is the endpoint's host.
 */
public final class EndpointParser {

    public static final String DEFAULT_SCHEME = "tcp";

    /** Where a request goes when no {@code on HOST} is given. */
    public static final Endpoint LOCALHOST = new Endpoint(DEFAULT_SCHEME, null, "127.0.0.1", -1, Map.of(), "localhost");

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*(?:%[A-Za-z0-9_.-]+)?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final String PORT_PARAMETER = "port";
    private static final String UNIX_SCHEME = "unix";

    private EndpointParser() {
    }

    public static Endpoint parse(String written) throws UsageException {
        String text = written.strip();
        if (text.isEmpty()) {
            throw bad(written, "it is empty");
        }
        String scheme = DEFAULT_SCHEME;
        String rest = text;
        int separator = text.indexOf("://");
        if (separator >= 0) {
            scheme = text.substring(0, separator);
            if (!SCHEME.matcher(scheme).matches()) {
                throw bad(text, "'" + scheme + "' is not a URI scheme");
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            rest = text.substring(separator + 3);
            if (scheme.equals(UNIX_SCHEME)) {
                return unixSocket(text, rest);
            }
        }
        Map<String, String> params = Map.of();
        int question = rest.indexOf('?');
        if (question >= 0) {
            params = query(text, rest.substring(question + 1));
            rest = rest.substring(0, question);
        }
        rest = rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
        if (rest.indexOf('/') >= 0) {
            throw bad(text, "unexpected path '" + rest.substring(rest.indexOf('/')) + "' after the host");
        }
        String user = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            user = rest.substring(0, at);
            if (!USER.matcher(user).matches()) {
                throw bad(text, "'" + user + "' is not a user name");
            }
            rest = rest.substring(at + 1);
        }
        return hostAndPort(text, scheme, user, rest, params);
    }

    private static Endpoint unixSocket(String text, String path) throws UsageException {
        if (!path.startsWith("/") || path.indexOf('\0') >= 0) {
            throw bad(text, "a Unix socket needs an absolute path, e.g. unix:///home/ops/.keeper/keeper.sock");
        }
        return new Endpoint(UNIX_SCHEME, null, path, -1, Map.of(), text);
    }

    private static Endpoint hostAndPort(String text, String scheme, String user, String address,
            Map<String, String> params) throws UsageException {
        if (address.startsWith("[")) {
            int close = address.indexOf(']');
            if (close < 0) {
                throw bad(text, "missing ']' after the IPv6 address");
            }
            String host = ipv6(text, address.substring(1, close));
            String after = address.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw bad(text, "unexpected '" + after + "' after ']'; write [address]:port");
            }
            return new Endpoint(scheme, user, host, after.isEmpty() ? -1 : port(text, after.substring(1)), params, text);
        }
        int colon = address.indexOf(':');
        if (colon >= 0 && address.indexOf(':', colon + 1) >= 0) {
            return new Endpoint(scheme, user, ipv6(text, address), -1, params, text);
        }
        String host = colon < 0 ? address : address.substring(0, colon);
        if (host.isEmpty()) {
            throw bad(text, "no host name or address");
        }
        if (!HOST_NAME.matcher(host).matches()) {
            throw bad(text, "'" + host + "' is not a host name or address");
        }
        return new Endpoint(scheme, user, host, colon < 0 ? -1 : port(text, address.substring(colon + 1)), params, text);
    }

    private static String ipv6(String text, String address) throws UsageException {
        if (!IPV6.matcher(address).matches()) {
            throw bad(text, "'" + address + "' is not an IPv6 address");
        }
        return address;
    }

    private static int port(String text, String port) throws UsageException {
        if (!PORT.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw bad(text, "port must be 1-65535");
        }
        return Integer.parseInt(port);
    }

    private static Map<String, String> query(String text, String query) throws UsageException {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw bad(text, "'" + pair + "' is not name=value");
            }
            String name = pair.substring(0, equals);
            String value = pair.substring(equals + 1);
            if (params.put(name, value) != null) {
                throw bad(text, "'" + name + "' is given twice");
            }
            if (name.equals(PORT_PARAMETER)) {
                port(text, value);
            }
        }
        return params;
    }

    private static UsageException bad(String text, String reason) {
        return new UsageException("bad host '" + text + "': " + reason);
    }
}
