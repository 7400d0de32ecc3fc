package keeper.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;

import keeper.api.ServerConfig;
import keeper.api.spi.auth.Envelope;
import keeper.api.spi.transport.Endpoint;
import keeper.protocol.ConnectFailures;

/**
 * Asks many {@code tcp://} hosts from one thread, with non-blocking sockets and one selector: a thousand hosts
 * cost a thousand sockets and small buffers, not a thousand threads. At most {@code parallel} hosts are in
 * flight; each has {@code timeout} from its start (name lookup, connect and answer), renewed by every piece of a
 * streamed reply (the progress lines of a long command). Names are looked up on a
 * few helper threads, since the JDK's lookup blocks; addresses need no lookup.
 */
final class TcpCalls {

    private final Envelope unsigned;
    private final HostCall.Signing signing;
    private final Duration timeout;
    private final int parallel;
    private final ExecutorService resolvers;
    private final RemoteClient.Streamed streamed;

    /** Sockets opened after a name lookup on a helper thread, for the selector's thread to take on. */
    private final Queue<Opened> resolved = new ConcurrentLinkedQueue<>();

    /**
     * @param unsigned  the request as sent when unsigned
     * @param signing   null for an unsigned request; else signs it for each server once its hello told the id
     * @param resolvers where host names are looked up; null when every host is an address
     * @param streamed  where the pieces of a streamed reply (progress lines) go, or null to drop them
     */
    TcpCalls(Envelope unsigned, HostCall.Signing signing, Duration timeout, int parallel, ExecutorService resolvers,
            RemoteClient.Streamed streamed) {
        this.unsigned = unsigned;
        this.signing = signing;
        this.timeout = timeout;
        this.parallel = parallel;
        this.resolvers = resolvers;
        this.streamed = streamed;
    }

    static boolean handles(Endpoint endpoint) {
        return endpoint.scheme().equals(EndpointParser.DEFAULT_SCHEME);
    }

    static TcpCall call(int index, Endpoint endpoint) {
        String host = endpoint.host().indexOf(':') >= 0 ? "[" + endpoint.host() + "]" : endpoint.host();
        return new TcpCall(index, endpoint, host + ":" + port(endpoint));
    }

    /** Runs every call to its end: each gets a reply, a failure or its timeout. */
    void run(List<TcpCall> calls) throws IOException {
        Queue<TcpCall> waiting = new ArrayDeque<>(calls);
        // in start order, so the first is always the one whose time runs out first
        Set<TcpCall> active = new LinkedHashSet<>();
        try (Selector selector = Selector.open()) {
            while (!waiting.isEmpty() || !active.isEmpty()) {
                while (active.size() < parallel && !waiting.isEmpty()) {
                    TcpCall call = waiting.poll();
                    active.add(call);
                    start(call, selector);
                }
                for (Opened lookup = resolved.poll(); lookup != null; lookup = resolved.poll()) {
                    opened(lookup.call(), lookup.socket(), selector);
                }
                // a call that failed at once must not make the selector wait out its deadline
                active.removeIf(call -> call.step == TcpCall.Step.DONE && close(call));
                if (active.isEmpty()) {
                    continue;
                }
                long now = System.nanoTime();
                long wait = Math.max(1, (active.iterator().next().deadline - now) / 1_000_000);
                selector.select(wait);
                for (SelectionKey key : selector.selectedKeys()) {
                    TcpCall call = (TcpCall) key.attachment();
                    if (step(call, key)) {
                        // its time now runs out last of all: to the end of the start order
                        call.deadline = System.nanoTime() + timeout.toNanos();
                        active.remove(call);
                        active.add(call);
                    }
                }
                selector.selectedKeys().clear();
                expire(active);
                active.removeIf(call -> call.step == TcpCall.Step.DONE && close(call));
            }
        }
    }

    private void start(TcpCall call, Selector selector) {
        call.deadline = System.nanoTime() + timeout.toNanos();
        call.step = TcpCall.Step.RESOLVING;
        if (isAddress(call.endpoint.host())) {
            opened(call, open(call), selector);
            return;
        }
        resolvers.execute(() -> {
            resolved.add(new Opened(call, open(call)));
            selector.wakeup();
        });
    }

    /** A socket connecting to the call's host, or why there is none; touches nothing of the call's state. */
    private static Object open(TcpCall call) {
        SocketChannel channel = null;
        try {
            InetAddress address = InetAddress.getByName(call.endpoint.host());
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(new InetSocketAddress(address, port(call.endpoint)));
            return channel;
        } catch (IOException e) {
            closeQuietly(channel);
            return e;
        }
    }

    /** On the selector's thread: the call goes on with its socket, unless its time ran out meanwhile. */
    private void opened(TcpCall call, Object socket, Selector selector) {
        if (call.step != TcpCall.Step.RESOLVING) {
            closeQuietly(socket instanceof SocketChannel channel ? channel : null);
            return;
        }
        if (socket instanceof IOException e) {
            call.finish(HostReply.failed(call.endpoint, cannotConnect(call, e)));
            return;
        }
        call.channel = (SocketChannel) socket;
        try {
            if (call.channel.isConnectionPending()) {
                call.step = TcpCall.Step.CONNECTING;
                call.channel.register(selector, SelectionKey.OP_CONNECT, call);
            } else {
                call.connected(unsigned, signing);
                call.channel.register(selector, SelectionKey.OP_WRITE, call);
            }
        } catch (IOException e) {
            call.finish(HostReply.failed(call.endpoint, cannotConnect(call, e)));
        }
    }

    /**
     * An IP address needs no lookup, so it is opened on the selector's thread at once: IPv6 (a colon), or four
     * groups of 1 to 3 digits. Checked by hand: a regular expression would cost every CLI call its compilation.
     */
    static boolean isAddress(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        int groups = 1;
        int digits = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c >= '0' && c <= '9' && digits < 3) {
                digits++;
            } else if (c == '.' && digits > 0 && groups < 4) {
                groups++;
                digits = 0;
            } else {
                return false;
            }
        }
        return groups == 4 && digits > 0;
    }

    private record Opened(TcpCall call, Object socket) {
    }

    /** Moves the call on as far as its socket allows; true when a piece of a streamed reply came, which renews its time. */
    private boolean step(TcpCall call, SelectionKey key) {
        if (call.step == TcpCall.Step.DONE) {
            return false;
        }
        boolean piece = false;
        try {
            if (call.step == TcpCall.Step.CONNECTING) {
                try {
                    if (!call.channel.finishConnect()) {
                        return false; // woken before the connection is made: wait for the next readiness
                    }
                } catch (IOException e) {
                    call.finish(HostReply.failed(call.endpoint, cannotConnect(call, e)));
                    return false;
                }
                call.connected(unsigned, signing);
            } else if (key.isReadable()) {
                piece = call.read(unsigned, signing, streamed);
            }
            if (call.wantsWrite()) {
                call.write();
            }
            if (call.step != TcpCall.Step.DONE) {
                key.interestOps(call.wantsWrite() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            }
        } catch (IOException | RuntimeException e) {
            call.finish(HostReply.failed(call.endpoint, HostCall.describe(call.endpoint, e)));
        }
        return piece;
    }

    private void expire(Set<TcpCall> active) {
        long now = System.nanoTime();
        for (Iterator<TcpCall> calls = active.iterator(); calls.hasNext();) {
            TcpCall call = calls.next();
            if (call.deadline - now > 0) {
                return;
            }
            if (call.step == TcpCall.Step.RESOLVING || call.step == TcpCall.Step.CONNECTING) {
                call.finish(HostReply.failed(call.endpoint, cannotConnect(call, new SocketTimeoutException())));
            } else if (call.step != TcpCall.Step.DONE) {
                call.finish(HostReply.failed(call.endpoint, HostCall.noAnswer(timeout)));
            }
        }
    }

    /** Closes the call's socket once it is done; true so it can go in a removeIf. */
    private static boolean close(TcpCall call) {
        closeQuietly(call.channel);
        return true;
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more to say to this host either way
            }
        }
    }

    private static int port(Endpoint endpoint) {
        return endpoint.port() == -1 ? ServerConfig.DEFAULT_PORT : endpoint.port();
    }

    private String cannotConnect(TcpCall call, IOException e) {
        return ConnectFailures.connect(call.where, timeout, e);
    }
}
