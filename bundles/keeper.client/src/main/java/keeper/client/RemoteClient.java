package keeper.client;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import keeper.api.spi.auth.Envelope;
import keeper.api.spi.auth.RequestSigner;
import keeper.api.spi.transport.Connector;
import keeper.api.spi.transport.Endpoint;
import keeper.protocol.Hello;
import keeper.protocol.WireFormat;

/**
 * Sends one {@link ClientRequest} to all its hosts at once and collects their replies in the order the
 * hosts were given. A signed request is signed for each host separately, once its hello told the
 * server's id, so that a captured copy is good for that server only. Each host has {@code timeout} to
 * connect and answer; a host that fails never hides the others' replies. At most {@code parallel} hosts
 * are asked at a time. {@code tcp://} hosts are driven from the calling thread with non-blocking sockets
 * ({@link TcpCalls}), so a thousand of them need no thousand threads; other schemes, and streamed replies,
 * go through their {@link Connector}, a thread per host in flight.
 */
public final class RemoteClient {

    /** Most hosts asked at the same time unless told otherwise; more wait for a free slot. */
    public static final int MAX_PARALLEL = 64;

    /** Threads looking up host names for tcp hosts (the JDK's lookup blocks); addresses need none. */
    private static final int RESOLVERS = 8;

    /** Extra wait for a connector that ignores its timeout, before giving the host up. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final Function<String, Optional<Connector>> connectors;
    private final Optional<RequestSigner> signer;
    private final Duration timeout;
    private final int parallel;

    /**
     * @param connectors the connector for a URI scheme other than tcp, if one is installed
     * @param signer     signs requests that name a key; only needed for those
     * @param timeout    how long each host has to connect and answer
     */
    public RemoteClient(Function<String, Optional<Connector>> connectors, Optional<RequestSigner> signer, Duration timeout) {
        this(connectors, signer, timeout, MAX_PARALLEL);
    }

    /** @param parallel how many hosts are asked at the same time, at least 1 */
    public RemoteClient(Function<String, Optional<Connector>> connectors, Optional<RequestSigner> signer, Duration timeout,
            int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, got " + parallel);
        }
        this.connectors = connectors;
        this.signer = signer;
        this.timeout = timeout;
        this.parallel = parallel;
    }

    /**
     * Asks every host. Fails only when the request cannot be signed (no signer, a key that cannot
     * sign): that is the caller's problem, not a host's; what goes wrong with a host is that host's
     * {@link HostReply}.
     */
    public List<HostReply> run(ClientRequest request) throws IOException {
        return run(request, null);
    }

    /** Where the text of streamed replies goes as it arrives (from each host's own thread). */
    @FunctionalInterface
    public interface Streamed {
        void text(Endpoint host, String text);
    }

    /**
     * Asks every host, as {@link #run(ClientRequest)}; a host that streams its reply (a followed log, or the progress
     * lines of a long command asked with {@value ClientRequest#PROGRESS}) hands each piece to {@code streamed} as it
     * comes, and has {@code timeout} for its first piece and between any two (the server sends an empty one now and
     * then while it has nothing), with no deadline for the whole. The final replies are returned once every host's
     * stream has ended.
     *
     * @param streamed null for a request whose replies come whole
     */
    public List<HostReply> run(ClientRequest request, Streamed streamed) throws IOException {
        Envelope envelope = Envelope.unsigned(WireFormat.VERSION, request.line());
        AtomicReference<IOException> signingFailure = new AtomicReference<>();
        HostCall.Signing signing = signing(request, envelope, signingFailure);
        List<Endpoint> hosts = request.hosts();
        List<TcpCall> tcp = new ArrayList<>();
        List<Integer> others = new ArrayList<>();
        boolean lookups = false;
        for (int i = 0; i < hosts.size(); i++) {
            // a followed log keeps its connection until interrupted: it goes through the tcp Connector
            if (!request.follows() && TcpCalls.handles(hosts.get(i))) {
                tcp.add(TcpCalls.call(i, hosts.get(i)));
                lookups |= !TcpCalls.isAddress(hosts.get(i).host());
            } else {
                others.add(i);
            }
        }
        // every followed host holds its thread until interrupted: none may wait for another's to end
        int threads = request.follows() ? others.size() : Math.min(others.size(), parallel);
        // only the pools this call uses: a status call to an address needs none, and a short-lived JVM pays for each
        ExecutorService workers = others.isEmpty() ? null
                : Executors.newFixedThreadPool(Math.max(1, threads), daemons("keeper-client"));
        ExecutorService resolvers = lookups
                ? Executors.newFixedThreadPool(Math.min(RESOLVERS, parallel), daemons("keeper-client-dns")) : null;
        ScheduledExecutorService watchdog = others.isEmpty() ? null
                : Executors.newSingleThreadScheduledExecutor(daemons("keeper-client-timeout"));
        try {
            List<Future<HostReply>> answers = new ArrayList<>();
            for (int i : others) {
                answers.add(workers.submit(new HostCall(hosts.get(i), envelope, signing, connectors, timeout, watchdog,
                        streamed)));
            }
            new TcpCalls(envelope, signing, timeout, parallel, resolvers, streamed).run(tcp);
            HostReply[] replies = new HostReply[hosts.size()];
            for (TcpCall call : tcp) {
                replies[call.index] = call.reply;
            }
            long waves = (others.size() + parallel - 1) / parallel;
            long deadline = streamed != null ? Long.MAX_VALUE
                    : System.nanoTime() + timeout.multipliedBy(waves).plus(GRACE).toNanos();
            for (int i = 0; i < others.size(); i++) {
                replies[others.get(i)] = await(answers.get(i), hosts.get(others.get(i)), deadline);
            }
            if (signingFailure.get() != null) {
                throw signingFailure.get();
            }
            List<HostReply> ordered = new ArrayList<>(replies.length);
            for (HostReply reply : replies) {
                ordered.add(AuthFailureHint.add(reply, request));
            }
            return ordered;
        } finally {
            for (ExecutorService pool : new ExecutorService[] {workers, resolvers, watchdog}) {
                if (pool != null) {
                    pool.shutdownNow();
                }
            }
        }
    }

    /**
     * Asks every host as {@link #run(ClientRequest, Streamed)}, a command that can take long asking for progress
     * ({@link ClientRequest#withProgress()}): its lines go to {@code progress} as they come and each host's timeout
     * counts from its last line. A server of before {@value ClientRequest#PROGRESS} refuses the option; it is asked
     * again without it.
     */
    public List<HostReply> runWithProgress(ClientRequest request, Streamed progress) throws IOException {
        ClientRequest asked = request.withProgress();
        if (asked == request) {
            return run(request);
        }
        List<HostReply> replies = new ArrayList<>(run(asked, progress));
        List<Integer> older = new ArrayList<>();
        List<Endpoint> hosts = new ArrayList<>();
        for (int i = 0; i < replies.size(); i++) {
            if (ClientRequest.refusesProgress(replies.get(i))) {
                older.add(i);
                hosts.add(replies.get(i).endpoint());
            }
        }
        if (!older.isEmpty()) {
            List<HostReply> again = run(asked.withoutProgress(hosts));
            for (int i = 0; i < older.size(); i++) {
                replies.set(older.get(i), again.get(i));
            }
        }
        return replies;
    }

    /** Signs for each server once its id is known; a key that cannot sign is remembered in {@code failure}. */
    private HostCall.Signing signing(ClientRequest request, Envelope unsigned, AtomicReference<IOException> failure)
            throws IOException {
        if (!request.isSigned()) {
            return null;
        }
        RequestSigner available = signer.orElseThrow(() -> new IOException("signing needs the keeper.auth.pem bundle"));
        return serverId -> {
            try {
                return available.sign(new Envelope(unsigned.version(), unsigned.line(),
                        Map.of(Hello.SERVER_CREDENTIAL, serverId)), request.key());
            } catch (IOException e) {
                failure.compareAndSet(null, e);
                throw e;
            }
        };
    }

    private HostReply await(Future<HostReply> answer, Endpoint host, long deadline) {
        try {
            return deadline == Long.MAX_VALUE ? answer.get()
                    : answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            return HostReply.failed(host, HostCall.noAnswer(timeout));
        } catch (ExecutionException e) {
            return HostReply.failed(host, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HostReply.failed(host, "interrupted before the host answered");
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
