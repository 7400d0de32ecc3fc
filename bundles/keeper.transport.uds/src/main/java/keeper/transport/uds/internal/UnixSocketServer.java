package keeper.transport.uds.internal;

import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import keeper.api.CommandDispatcher;
import keeper.api.spi.command.Caller;
import keeper.protocol.ConnectionDeadline;
import keeper.protocol.Exchange;

/**
 * Serves Keeper requests on an owner-only Unix-domain socket: one request per connection, handled by
 * a bounded pool of workers. Callers are trusted: the file's permissions already limit them to the
 * socket's owner. Knows nothing of OSGi, so tests run it as it is.
 */
final class UnixSocketServer implements Closeable {

    private static final System.Logger LOG = System.getLogger(UnixSocketServer.class.getName());

    /**
     * @param workers     requests served at once; more wait in a queue of the same size, beyond that
     *                    connections are closed unanswered
     * @param readTimeout how long a client may take to send its request, and to read the reply
     */
    record Settings(int workers, Duration readTimeout) {
    }

    private final Path path;
    private final ServerSocketChannel server;
    private final Caller caller;
    private final CommandDispatcher dispatcher;
    private final Settings settings;
    private final ExecutorService workers;
    private final ScheduledThreadPoolExecutor watchdog;
    private final Thread acceptor;

    private UnixSocketServer(Path path, ServerSocketChannel server, CommandDispatcher dispatcher, Settings settings) {
        this.path = path;
        this.server = server;
        this.caller = new Caller("uds", path.toString(), true);
        this.dispatcher = dispatcher;
        this.settings = settings;
        this.workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(settings.workers()), daemons("keeper-uds-worker"));
        this.watchdog = new ScheduledThreadPoolExecutor(1, daemons("keeper-uds-watchdog"));
        this.watchdog.setRemoveOnCancelPolicy(true);
        this.acceptor = daemons("keeper-uds-accept").newThread(this::acceptLoop);
    }

    /** Binds {@code path} (owner-only) and starts accepting. */
    static UnixSocketServer start(Path path, CommandDispatcher dispatcher, Settings settings) throws IOException {
        UnixSocketServer started = new UnixSocketServer(path, SocketFile.bindOwnerOnly(path, settings.workers()),
                dispatcher, settings);
        started.acceptor.start();
        return started;
    }

    /** Where it listens, as a URI: {@code unix:///path/to/keeper.sock}. */
    String address() {
        return "unix://" + path;
    }

    @Override
    public void close() throws IOException {
        server.close();
        workers.shutdownNow();
        watchdog.shutdownNow();
        Files.deleteIfExists(path);
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                hand(server.accept());
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "accepting on " + path + " failed: " + e.getMessage());
            }
        }
    }

    private void hand(SocketChannel client) throws IOException {
        try {
            workers.execute(() -> serve(client));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.WARNING, "too many requests on " + path + " at once; one connection was closed unanswered");
            client.close();
        }
    }

    private void serve(SocketChannel client) {
        // Socket channels have no SO_TIMEOUT: the deadline is all that bounds a silent client.
        ConnectionDeadline deadline = new ConnectionDeadline(watchdog, settings.readTimeout(), client);
        try (client) {
            deadline.arm();
            Exchange.serve(Channels.newInputStream(client), Channels.newOutputStream(client), caller,
                    deadline.pausedDuring(dispatcher));
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "connection on " + path + " ended: " + e);
        } finally {
            deadline.disarm();
        }
    }

    private static java.util.concurrent.ThreadFactory daemons(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
