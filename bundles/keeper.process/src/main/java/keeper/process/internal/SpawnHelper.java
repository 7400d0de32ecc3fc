package keeper.process.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import keeper.api.Output;
import keeper.api.RunAs;

/**
 * One running spawn helper ({@code spawner.pl}, see there for the protocol). Requests are written
 * under a lock by the spawning threads; one reader thread takes the replies in order and completes
 * the spawns' and the exits' futures. A child's exit future is registered before its spawn
 * completes, and the helper writes "started" before "exit", so no exit can be missed.
 */
final class SpawnHelper {

    /**
     * A spawned child: its pid, its exit code to come, and the process the helper spawned again at once when it
     * exited (armed by {@link Launch#respawnAfter()}), or empty; {@code respawn} completes before {@code exit}.
     */
    record Spawned(long pid, CompletableFuture<Integer> exit, CompletableFuture<Optional<Spawned>> respawn) {

        private Spawned(long pid) {
            this(pid, new CompletableFuture<>(), new CompletableFuture<>());
        }
    }

    private static final Logger LOG = System.getLogger(SpawnHelper.class.getName());
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    private static final HexFormat HEX = HexFormat.of();

    private final Process process;
    private final OutputStream requests;
    private final Consumer<Map<Long, CompletableFuture<Integer>>> orphans;
    private final Map<Long, CompletableFuture<Spawned>> spawns = new ConcurrentHashMap<>();
    private final Map<Long, Spawned> exits = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Void>> disarms = new ConcurrentHashMap<>();
    private final AtomicLong requestsSent = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile boolean ended;
    private volatile boolean closing;

    /** @param orphans takes the exits still awaited when the helper ends unexpectedly */
    private SpawnHelper(Process process, Consumer<Map<Long, CompletableFuture<Integer>>> orphans) {
        this.process = process;
        this.requests = process.getOutputStream();
        this.orphans = orphans;
    }

    /** Runs the helper and waits until it is set up; fails when perl cannot run it (e.g. lacks POSIX). */
    static SpawnHelper start(Path perl, Path script, Consumer<Map<Long, CompletableFuture<Integer>>> orphans)
            throws IOException {
        Process process = new ProcessBuilder(perl.toString(), script.toString())
                .redirectError(Redirect.INHERIT).start();
        SpawnHelper helper = new SpawnHelper(process, orphans);
        Thread reader = new Thread(helper::readReplies, "keeper-spawner-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        helper.awaitReady();
        return helper;
    }

    private void awaitReady() throws IOException {
        try {
            ready.get(READY_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage());
        } catch (TimeoutException e) {
            close();
            process.destroyForcibly();
            throw new IOException("it was not ready within " + Durations.format(READY_TIMEOUT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            process.destroyForcibly();
            throw new IOException("interrupted while it started");
        }
    }

    long pid() {
        return process.pid();
    }

    /** Whether this helper still takes requests. */
    boolean running() {
        return !ended;
    }

    Spawned spawn(Launch launch) throws SpawnException {
        long id = ids.incrementAndGet();
        byte[] request = request(id, launch);
        CompletableFuture<Spawned> spawned = new CompletableFuture<>();
        spawns.put(id, spawned);
        // the reader fails every registered spawn once it sees the end: registered too late, fail here
        if (ended) {
            spawns.remove(id);
            throw launch.cannotRun("the spawn helper has ended");
        }
        try {
            send(request);
        } catch (IOException e) {
            spawns.remove(id);
            throw launch.cannotRun("cannot write to the spawn helper (pid " + pid() + "): " + e.getMessage());
        }
        Spawned child = await(id, spawned, launch);
        if (launch.respawnAfter() == null) {
            child.respawn().complete(Optional.empty());
        }
        return child;
    }

    /**
     * Makes sure none of {@code pids} is spawned again when it exits: answers once the helper confirmed (a respawn
     * it made before is reported first, see {@link Spawned#respawn()}). A helper that ended respawns nothing.
     */
    void disarm(Collection<Long> pids) {
        if (pids.isEmpty()) {
            return;
        }
        long id = ids.incrementAndGet();
        CompletableFuture<Void> disarmed = new CompletableFuture<>();
        disarms.put(id, disarmed);
        if (ended) {
            disarms.remove(id);
            return;
        }
        StringBuilder line = new StringBuilder("disarm ").append(id);
        pids.forEach(pid -> line.append(' ').append(pid));
        try {
            send(line.append('\n').toString().getBytes(US_ASCII));
            disarmed.get(REPLY_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (IOException | ExecutionException e) {
            LOG.log(Level.DEBUG, "disarming {0}: the spawn helper ended ({1})", pids, e.getMessage());
        } catch (TimeoutException e) {
            LOG.log(Level.ERROR, "the spawn helper (pid {0,number,#}) did not confirm within {1} that it will not"
                    + " spawn {2} again", pid(), Durations.format(REPLY_TIMEOUT), pids);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            disarms.remove(id);
        }
    }

    /** How many requests were sent to the helper (spawns and disarms). */
    long requestsSent() {
        return requestsSent.get();
    }

    /** Ends the helper by closing its input: it exits and leaves the children running. */
    void close() {
        closing = true;
        try {
            synchronized (requests) {
                requests.close();
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the spawn helper''s input: {0}", e.getMessage());
        }
    }

    private Spawned await(long id, CompletableFuture<Spawned> spawned, Launch launch) throws SpawnException {
        try {
            return spawned.get(REPLY_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SettingRefused refused ? launch.refused(refused.field, refused.getMessage())
                    : launch.cannotRun(e.getCause().getMessage());
        } catch (TimeoutException e) {
            spawns.remove(id);
            throw launch.cannotRun("the spawn helper (pid " + pid() + ") did not answer within "
                    + Durations.format(REPLY_TIMEOUT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw launch.cannotRun("interrupted");
        }
    }

    private void send(byte[] request) throws IOException {
        synchronized (requests) {
            requests.write(request);
            requests.flush();
        }
        requestsSent.incrementAndGet();
    }

    private static byte[] request(long id, Launch launch) throws SpawnException {
        StringBuilder line = new StringBuilder("spawn ").append(id);
        hex(line, launch.program().toString());
        hex(line, launch.directory().toString());
        output(line, launch.stdout());
        if (launch.stderr() == null) {
            line.append(" same create");
        } else {
            output(line, launch.stderr());
        }
        line.append(' ').append(launch.argv().size());
        for (String argument : launch.argv()) {
            hex(line, noNul("an argument", argument));
        }
        line.append(' ').append(launch.environment().size());
        for (Map.Entry<String, String> variable : launch.environment().entrySet()) {
            String name = variable.getKey();
            hex(line, noNul("environment variable " + name, name + "=" + variable.getValue()));
        }
        RunAs runAs = launch.runAs();
        optional(line, runAs.user() == null ? null : HEX.formatHex(runAs.user().getBytes(UTF_8)));
        optional(line, runAs.group() == null ? null : HEX.formatHex(runAs.group().getBytes(UTF_8)));
        optional(line, runAs.umask() == null ? null : Integer.toOctalString(runAs.umask()));
        optional(line, runAs.nofile() == null ? null : runAs.nofile().toString());
        optional(line, launch.respawnAfter() == null ? null : Long.toString(launch.respawnAfter().toMillis()));
        return line.append('\n').toString().getBytes(US_ASCII);
    }

    private static void optional(StringBuilder line, String value) {
        line.append(' ').append(value == null ? "-" : value);
    }

    private static void output(StringBuilder line, Output output) {
        hex(line, output.path().toString());
        line.append(output.append() ? " append" : " create");
    }

    private static void hex(StringBuilder line, String text) {
        line.append(' ').append(HEX.formatHex(text.getBytes(UTF_8)));
    }

    /** A NUL would silently cut the string short at exec. */
    private static String noNul(String what, String text) throws SpawnException {
        if (text.indexOf('\0') >= 0) {
            throw new SpawnException(what + " contains a NUL character, which no program can receive");
        }
        return text;
    }

    private void readReplies() {
        try (BufferedReader replies = new BufferedReader(new InputStreamReader(process.getInputStream(), US_ASCII))) {
            for (String line = replies.readLine(); line != null; line = replies.readLine()) {
                handle(line.split(" ", -1));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "reading the replies of the spawn helper failed", e);
        }
        end();
    }

    private void handle(String[] reply) {
        switch (reply[0]) {
            case "ready" -> ready.complete(null);
            case "started" -> started(Long.parseLong(reply[1]), Long.parseLong(reply[2]));
            case "failed" -> failed(Long.parseLong(reply[1]), new SpawnException(new String(HEX.parseHex(reply[2]), UTF_8)));
            case "refused" -> failed(Long.parseLong(reply[1]),
                    new SettingRefused(reply[2], new String(HEX.parseHex(reply[3]), UTF_8)));
            case "exit" -> exited(Long.parseLong(reply[1]), Integer.parseInt(reply[2]),
                    reply.length > 3 ? OptionalLong.of(Long.parseLong(reply[3])) : OptionalLong.empty());
            case "disarmed" -> {
                CompletableFuture<Void> disarmed = disarms.get(Long.parseLong(reply[1]));
                if (disarmed != null) {
                    disarmed.complete(null);
                }
            }
            case "warning" -> LOG.log(Level.WARNING, new String(HEX.parseHex(reply[1]), UTF_8));
            default -> LOG.log(Level.WARNING, "the spawn helper sent an unknown reply: {0}", String.join(" ", reply));
        }
    }

    private void started(long id, long pid) {
        Spawned child = new Spawned(pid);
        exits.put(pid, child);
        CompletableFuture<Spawned> spawned = spawns.remove(id);
        if (spawned == null) {
            LOG.log(Level.WARNING, "pid {0,number,#} started after its start command gave up waiting;"
                    + " it runs unsupervised", pid);
            return;
        }
        spawned.complete(child);
    }

    private void failed(long id, Exception why) {
        CompletableFuture<Spawned> spawned = spawns.remove(id);
        if (spawned != null) {
            spawned.completeExceptionally(why);
        }
    }

    /** The helper refused a setting of the child file ({@code user}, {@code nofile}...): the program did not run. */
    private static final class SettingRefused extends Exception {
        private static final long serialVersionUID = 1L;

        final String field;

        SettingRefused(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    private void exited(long pid, int code, OptionalLong respawned) {
        Spawned child = exits.remove(pid);
        Optional<Spawned> again = Optional.empty();
        if (respawned.isPresent()) {
            again = Optional.of(new Spawned(respawned.getAsLong()));
            exits.put(respawned.getAsLong(), again.get());
        }
        if (child == null) {
            LOG.log(Level.DEBUG, "the spawn helper reported the exit of pid {0,number,#},"
                    + " which it did not start for us", pid);
            return;
        }
        child.respawn().complete(again);
        child.exit().complete(code);
    }

    private void end() {
        ended = true;
        if (!ready.isDone()) {
            ready.completeExceptionally(new IOException("it ended at once (" + howEnded() + ")"));
        } else if (!closing) {
            LOG.log(Level.ERROR, "the spawn helper (pid {0,number,#}) ended unexpectedly ({1}); {2} children it"
                    + " started are watched by polling from now on, and the next start runs a new helper",
                    pid(), howEnded(), exits.size());
        }
        // plain loops over what exists: at shutdown the bundle's class loader can no longer load a class this
        // helper never used (a lambda's, or Spawned's when nothing was spawned)
        for (CompletableFuture<Spawned> spawned : spawns.values()) {
            spawned.completeExceptionally(new SpawnException("the spawn helper (pid " + pid() + ") ended before answering"));
        }
        spawns.clear();
        for (CompletableFuture<Void> disarmed : disarms.values()) {
            disarmed.complete(null);
        }
        if (!exits.isEmpty()) {
            Map<Long, CompletableFuture<Integer>> awaited = new HashMap<>();
            for (Spawned child : exits.values()) {
                child.respawn().complete(Optional.empty());
                awaited.put(child.pid(), child.exit());
            }
            if (!closing) {
                orphans.accept(awaited);
            }
        }
        exits.clear();
    }

    private String howEnded() {
        try {
            if (process.waitFor(1, TimeUnit.SECONDS)) {
                int code = process.exitValue();
                return code > 128 ? "killed by signal " + (code - 128) : "exit code " + code;
            }
            return "its output closed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "its output closed";
        }
    }
}
