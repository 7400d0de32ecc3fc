package keeper.transport.tcp.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Hostile clients on loopback, run on their own thread until closed or until a hard limit of one
 * minute, whichever comes first, so a failing test cannot leave them running.
 */
final class Attack implements AutoCloseable {

    private static final Duration HARD_LIMIT = Duration.ofMinutes(1);

    private final Thread thread;
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong rounds = new AtomicLong();
    private volatile boolean stopped;

    private Attack(String name, Runnable round, Duration pace) {
        long end = System.nanoTime() + HARD_LIMIT.toNanos();
        this.thread = new Thread(() -> {
            while (!stopped && System.nanoTime() - end < 0) {
                round.run();
                rounds.incrementAndGet();
                if (!pace.isZero()) {
                    // pacing the attack (one byte per connection per round), not waiting for a condition
                    LockSupport.parkNanos(pace.toNanos());
                }
            }
        }, name);
        thread.setDaemon(true);
    }

    /**
     * {@code count} connections that each send one byte of a never-ending request per round, reopened
     * whenever the server drops them.
     */
    static Attack slowloris(InetSocketAddress server, int count) {
        List<Socket> open = new ArrayList<>();
        Attack[] attack = new Attack[1];
        attack[0] = new Attack("slowloris", () -> {
            while (open.size() < count) {
                open.add(attack[0].connect(server));
            }
            for (int i = 0; i < open.size(); i++) {
                try {
                    open.get(i).getOutputStream().write(i == 0 ? 0 : 1);
                } catch (IOException e) {
                    close(open.get(i));
                    open.set(i, attack[0].connect(server));
                }
            }
        }, Duration.ofMillis(200));
        attack[0].thread.start();
        return attack[0];
    }

    /** Connections opened and closed again as fast as one thread can. */
    static Attack connectionFlood(InetSocketAddress server) {
        Attack[] attack = new Attack[1];
        attack[0] = new Attack("connection-flood", () -> close(attack[0].connect(server)), Duration.ZERO);
        attack[0].thread.start();
        return attack[0];
    }

    long connections() {
        return connections.get();
    }

    /** Rounds of the attack done so far: a test waits for the next one to be sure the attack still runs. */
    long rounds() {
        return rounds.get();
    }

    private Socket connect(InetSocketAddress server) {
        Socket socket = new Socket();
        try {
            socket.connect(server, 1_000);
            connections.incrementAndGet();
        } catch (IOException e) {
            // Refused or timed out: the next round tries again.
        }
        return socket;
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // an attacker does not care
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(HARD_LIMIT.toMillis());
    }
}
