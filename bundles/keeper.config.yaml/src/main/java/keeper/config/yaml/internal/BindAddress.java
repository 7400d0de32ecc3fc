package keeper.config.yaml.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which address the server listener binds. Without {@code encrypt: on} anyone who can reach the port
 * can run commands, so an unauthenticated server listens on loopback unless {@code listener_addr}
 * explicitly says otherwise.
 */
final class BindAddress {

    static final String ANY_IPV4 = "0.0.0.0";
    static final String ANY_IPV6 = "::";
    static final String LOOPBACK_IPV4 = "127.0.0.1";
    static final String LOOPBACK_IPV6 = "::1";

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6_LOOPBACK = Pattern.compile("(0{0,4}:){2,7}0{0,3}1|::ffff:127(\\.[0-9]{1,3}){3}");

    private BindAddress() {
    }

    static String choose(String listenerAddr, boolean ipv6, boolean encrypt) {
        if (listenerAddr != null) {
            return listenerAddr;
        }
        if (!encrypt) {
            return ipv6 ? LOOPBACK_IPV6 : LOOPBACK_IPV4;
        }
        return ipv6 ? ANY_IPV6 : ANY_IPV4;
    }

    /**
     * Whether {@code address} is certainly a loopback address. Decided from the text alone: resolving
     * a host name here would make reading the config wait on DNS.
     */
    static boolean isLoopback(String address) {
        String plain = address.toLowerCase(Locale.ROOT);
        if (plain.startsWith("[") && plain.endsWith("]")) {
            plain = plain.substring(1, plain.length() - 1);
        }
        return plain.equals("localhost") || IPV4_LOOPBACK.matcher(plain).matches()
                || IPV6_LOOPBACK.matcher(plain).matches();
    }
}
