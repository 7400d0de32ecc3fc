package keeper.client;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import keeper.api.spi.auth.Envelope;
import keeper.api.spi.command.Reply;
import keeper.api.spi.transport.Connection;
import keeper.api.spi.transport.Connector;
import keeper.api.spi.transport.Endpoint;
import keeper.protocol.Exchange;

/**
 * Asks one host. A blocking read cannot be interrupted, so when the host's time is up the watchdog
 * closes the connection, which ends the read with an exception reported as "no answer".
 */
final class HostCall implements Callable<HostReply> {

    /** Signs the request for one server, named by its id; the id is only known once connected. */
    @FunctionalInterface
    interface Signing {
        Envelope forServer(String serverId) throws IOException;
    }

    private final Endpoint endpoint;
    private final Envelope envelope;
    private final Signing signing;
    private final Function<String, Optional<Connector>> connectors;
    private final Duration timeout;
    private final ScheduledExecutorService watchdog;
    private final RemoteClient.Streamed streamed;
    private Connection connection;
    private boolean expired;

    /**
     * @param envelope the request when it is sent unsigned
     * @param signing  null for an unsigned request; else signs it for the server the connection reaches
     * @param streamed where a streamed reply's pieces go, or null when the reply must come whole
     */
    HostCall(Endpoint endpoint, Envelope envelope, Signing signing, Function<String, Optional<Connector>> connectors,
            Duration timeout, ScheduledExecutorService watchdog, RemoteClient.Streamed streamed) {
        this.endpoint = endpoint;
        this.envelope = envelope;
        this.signing = signing;
        this.connectors = connectors;
        this.timeout = timeout;
        this.watchdog = watchdog;
        this.streamed = streamed;
    }

    static String noTransport(String scheme) {
        // unix:// is served by keeper.transport.uds; every other scheme by the bundle named after it
        String bundle = scheme.equals("unix") ? "uds" : scheme;
        return "no transport for scheme '" + scheme + "', install the keeper.transport." + bundle + " bundle";
    }

    static String noAnswer(Duration timeout) {
        return "no answer within " + timeout.toSeconds() + " s";
    }

    @Override
    public HostReply call() {
        Optional<Connector> connector = connectors.apply(endpoint.scheme());
        if (connector.isEmpty()) {
            return HostReply.failed(endpoint, noTransport(endpoint.scheme()));
        }
        ScheduledFuture<?> expiry = watchdog.schedule(this::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try (Connection opened = connector.get().open(endpoint, timeout)) {
            if (!attach(opened)) {
                return HostReply.failed(endpoint, noAnswer(timeout));
            }
            Envelope sent = signing == null ? envelope : signing.forServer(Exchange.hello(opened));
            // once a stream has begun, the connection's read timeout (heartbeats keep it) is the only deadline
            Reply reply = streamed == null ? Exchange.call(opened, sent) : Exchange.call(opened, sent, text -> {
                expiry.cancel(false);
                streamed.text(endpoint, text);
            });
            return new HostReply(endpoint, reply.ok(), reply.text());
        } catch (IOException | RuntimeException e) {
            return HostReply.failed(endpoint, isExpired() ? noAnswer(timeout) : describe(endpoint, e));
        } finally {
            expiry.cancel(false);
        }
    }

    private synchronized boolean attach(Connection opened) {
        connection = opened;
        return !expired;
    }

    private synchronized boolean isExpired() {
        return expired;
    }

    private void expire() {
        Connection open;
        synchronized (this) {
            expired = true;
            open = connection;
        }
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // The reader fails either way; its error is reported as the timeout.
            }
        }
    }

    /** Connector messages usually name the host already; a bare "Connection refused" does not. */
    static String describe(Endpoint endpoint, Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.contains(endpoint.text()) ? message : endpoint.text() + ": " + message;
    }
}
