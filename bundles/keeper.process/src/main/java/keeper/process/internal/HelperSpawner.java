package keeper.process.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Spawns through one long-lived helper process ({@code spawner.pl}, run by perl) that forks, execs
 * and reaps every child and reports each exit as a line: the JVM needs two threads in all (the
 * helper's reader and the JDK's reaper of the helper) instead of one per child. The helper starts
 * with the first spawn; when it dies, its children are watched like re-adopted ones and the next
 * spawn starts a new helper. When perl cannot run it at all, the JDK spawns instead.
 */
final class HelperSpawner implements Spawner {

    private static final Logger LOG = System.getLogger(HelperSpawner.class.getName());
    private static final String SCRIPT = "spawner.pl";

    private final Path perl;
    private final Path script;
    private final AdoptedExits adoptedExits;
    private final JdkSpawner jdk = new JdkSpawner();
    private final StartInstants startInstants = new StartInstants();
    private SpawnHelper helper;
    private boolean unusable;
    private boolean closed;

    /**
     * @param perl         the perl interpreter
     * @param runDirectory where the helper's script is written for perl to read
     * @param adoptedExits watches the children of a helper that died
     */
    HelperSpawner(Path perl, Path runDirectory, AdoptedExits adoptedExits) {
        this.perl = perl;
        this.script = runDirectory.resolve(SCRIPT);
        this.adoptedExits = adoptedExits;
    }

    @Override
    public Run spawn(Launch launch) throws SpawnException {
        Optional<SpawnHelper> current = helper(launch);
        if (current.isEmpty()) {
            return jdk.spawn(launch);
        }
        return run(current.get().spawn(launch));
    }

    @Override
    public void disarm(Collection<Long> pids) {
        SpawnHelper current;
        synchronized (this) {
            current = helper;
        }
        if (current != null) {
            current.disarm(pids);
        }
    }

    private Run run(SpawnHelper.Spawned spawned) {
        ProcessHandle handle = ProcessHandle.of(spawned.pid()).orElseGet(() -> new ReapedProcess(spawned.pid()));
        return Run.spawned(handle, startInstants.of(handle), spawned.exit(),
                spawned.respawn().thenApply(again -> again.map(this::run).orElse(null)));
    }

    @Override
    public synchronized Set<Long> adopters() {
        return helper != null && helper.running() ? Set.of(helper.pid()) : Set.of();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (helper != null) {
            helper.close();
        }
    }

    /** Starts the helper now rather than at the first spawn, so the first start does not wait for perl. */
    @Override
    public synchronized void prepare() {
        if (!closed) {
            running();
        }
    }

    /** The running helper, started if need be; empty once it could not be started (then the JDK spawns). */
    private synchronized Optional<SpawnHelper> helper(Launch launch) throws SpawnException {
        if (closed) {
            throw launch.cannotRun("the supervisor is shutting down");
        }
        return running();
    }

    private Optional<SpawnHelper> running() {
        assert Thread.holdsLock(this);
        if (unusable) {
            return Optional.empty();
        }
        if (helper == null || !helper.running()) {
            try {
                writeScript();
                helper = SpawnHelper.start(perl, script, this::watchOrphans);
                LOG.log(Level.DEBUG, "spawn helper started (pid {0,number,#})", helper.pid());
            } catch (IOException e) {
                unusable = true;
                LOG.log(Level.WARNING, "cannot run the spawn helper ({0} {1}): {2}; children are spawned by the JDK"
                        + " from now on, with one thread per running child", perl, script, IoReasons.of(e));
                return Optional.empty();
            }
        }
        return Optional.of(helper);
    }

    /** Rewritten at every helper start, so that the script always matches this bundle. */
    private void writeScript() throws IOException {
        try (InputStream source = HelperSpawner.class.getResourceAsStream(SCRIPT)) {
            if (source == null) {
                throw new IOException("the bundle lacks its resource " + SCRIPT);
            }
            Files.createDirectories(script.getParent());
            Path written = Files.createTempFile(script.getParent(), SCRIPT, ".tmp");
            Files.copy(source, written, StandardCopyOption.REPLACE_EXISTING);
            Files.move(written, script, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** The children of a helper that died are no longer anybody's here: only checking on them works. */
    private void watchOrphans(Map<Long, CompletableFuture<Integer>> exits) {
        exits.forEach((pid, exit) -> ProcessHandle.of(pid).ifPresentOrElse(
                process -> adoptedExits.exitOf(process).thenRun(() -> exit.complete(null)),
                () -> exit.complete(null)));
    }
}
