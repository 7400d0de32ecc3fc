package keeper.transport.tcp.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import keeper.api.CommandDispatcher;
import keeper.api.spi.command.Caller;
import keeper.api.spi.command.Reply;
import keeper.protocol.ConnectionDeadline;
import keeper.protocol.Exchange;
import keeper.protocol.Frames;
import keeper.protocol.WireFormat;

/**
 * Serves Keeper requests on a TCP socket: one request per connection, handled by a bounded pool of
 * workers so that a flood of connections cannot exhaust threads. Callers are untrusted: with
 * {@code encrypt: on} the dispatcher requires a signature. Knows nothing of OSGi, so tests run it as is.
 */
final class TcpServer implements Closeable {

    private static final Logger LOG = System.getLogger(TcpServer.class.getName());
    private static final Duration ACCEPT_RETRY_PAUSE = Duration.ofMillis(100);

    /**
     * @param readTimeout     longest silence while a request is being read
     * @param requestDeadline longest time to receive a whole request, and again to take the reply
     * @param workers         requests served at once
     * @param queue           accepted connections waiting for a worker; beyond that: "server busy"
     * @param drain           how long closing waits for requests in flight
     */
    record Limits(Duration readTimeout, Duration requestDeadline, int workers, int queue, Duration drain) {
        static final Limits DEFAULT = new Limits(Duration.ofSeconds(5), Duration.ofSeconds(10), 32, 64,
                Duration.ofSeconds(2));
    }

    private final ServerSocket server;
    private final CommandDispatcher dispatcher;
    private final Limits limits;
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor watchdog;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private TcpServer(ServerSocket server, CommandDispatcher dispatcher, Limits limits) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.limits = limits;
        this.workers = new ThreadPoolExecutor(limits.workers(), limits.workers(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(limits.queue()), daemons("keeper-tcp-worker"));
        this.watchdog = new ScheduledThreadPoolExecutor(1, daemons("keeper-tcp-deadline"));
        this.watchdog.setRemoveOnCancelPolicy(true);
        this.acceptor = daemons("keeper-tcp-accept").newThread(this::acceptLoop);
    }

    /** Binds {@code address} (port 0: any free port) and starts accepting; fails when it cannot bind. */
    static TcpServer start(InetSocketAddress address, CommandDispatcher dispatcher, Limits limits) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(address, limits.workers() + limits.queue());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        TcpServer started = new TcpServer(socket, dispatcher, limits);
        started.acceptor.start();
        return started;
    }

    /** The address actually bound: with port 0, the port the system chose. */
    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** Stops accepting, lets requests in flight finish within the drain time, then closes what is left. */
    @Override
    public void close() throws IOException {
        server.close();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(limits.drain().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, "{0} request(s) still running {1} ms after the TCP listener closed;"
                        + " closing their connections", open.size(), limits.drain().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.forEach(TcpServer::closeQuietly);
            workers.shutdownNow();
            watchdog.shutdownNow();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                hand(server.accept());
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.log(Level.WARNING, "accepting on " + TcpAddresses.uri(address()) + " failed: " + e.getMessage());
                    pauseAfterAcceptFailure();
                }
            }
        }
    }

    /**
     * A failing accept (e.g. out of file descriptors) usually fails again at once; a short pause keeps
     * the loop from spinning a core and flooding the log until the condition passes.
     */
    private static void pauseAfterAcceptFailure() {
        try {
            Thread.sleep(ACCEPT_RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void hand(Socket client) {
        open.add(client);
        try {
            workers.execute(() -> serve(client));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.WARNING, "too many requests at once; answered " + remote(client) + " 'server busy'");
            answerAndClose(client, "server busy: too many requests at once, try again");
        }
    }

    private void serve(Socket client) {
        ConnectionDeadline deadline = new ConnectionDeadline(watchdog, limits.requestDeadline(), client);
        try {
            client.setSoTimeout((int) limits.readTimeout().toMillis());
            deadline.arm();
            Caller caller = new Caller("tcp", remote(client), false);
            Exchange.serve(client.getInputStream(), client.getOutputStream(), caller,
                    deadline.pausedDuring(dispatcher));
        } catch (SocketTimeoutException e) {
            answerAndClose(client, "protocol error: no complete request within "
                    + limits.readTimeout().toMillis() + " ms of silence");
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "connection from " + remote(client) + " ended: " + e);
        } finally {
            deadline.disarm();
            closeQuietly(client);
            open.remove(client);
        }
    }

    /**
     * Answers without reading the request. Whatever the client already sent is skipped first: closing
     * a socket with unread input resets the connection, and the client would lose the answer.
     */
    private void answerAndClose(Socket client, String error) {
        try {
            Frames.write(client.getOutputStream(), WireFormat.encodeReply(Reply.error(error)));
            client.shutdownOutput();
            InputStream unread = client.getInputStream();
            unread.skip(unread.available());
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "could not answer " + remote(client) + ": " + e);
        } finally {
            closeQuietly(client);
            open.remove(client);
        }
    }

    private static String remote(Socket client) {
        return TcpAddresses.hostPort(client.getInetAddress(), client.getPort());
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing is left to release when closing itself fails.
        }
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
