package keeper.transport.tcp.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;

/** Addresses written the way people and URIs expect: {@code 127.0.0.1:33889}, {@code [::1]:33889}. */
final class TcpAddresses {

    private TcpAddresses() {
    }

    /** {@code tcp://127.0.0.1:33889} or {@code tcp://[::1]:33889}. */
    static String uri(InetSocketAddress address) {
        return "tcp://" + hostPort(address.getAddress(), address.getPort());
    }

    static String hostPort(InetAddress address, int port) {
        return host(address) + ":" + port;
    }

    static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static String host(InetAddress address) {
        if (address instanceof Inet6Address) {
            return "[" + compressed(address.getHostAddress()) + "]";
        }
        return address.getHostAddress();
    }

    /** Java writes IPv6 in full ({@code 0:0:0:0:0:0:0:1}); people write {@code ::1}. */
    static String compressed(String full) {
        String bare = full.contains("%") ? full.substring(0, full.indexOf('%')) : full;
        String[] groups = bare.split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
        }
        if (bestStart < 0) {
            return bare;
        }
        String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }
}
