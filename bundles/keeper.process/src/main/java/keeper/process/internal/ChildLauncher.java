package keeper.process.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import keeper.api.AutoRestart;
import keeper.api.ChildSpec;
import keeper.api.Output;

/**
 * Turns a child's config into a {@link Launch} (working directory, program, environment, output
 * files, each checked so that a refusal names what is wrong) and hands it to the {@link Spawner}.
 * The checked launch is kept per child and used again while the child's config is the same (a changed
 * file gives another {@link ChildSpec}, checked anew), so a restart costs no PATH search, no folder
 * check and no probe of its output files; when a spawn from a kept launch fails (a folder or the
 * program gone since), the launch is checked anew and spawned once more, so that a refusal still
 * names what is wrong.
 */
final class ChildLauncher {

    private static final Logger LOG = System.getLogger(ChildLauncher.class.getName());
    /** execvp's search path when neither the child nor the server sets PATH. */
    private static final String SERVER_PATH = System.getenv("PATH");
    private static final Duration RESPAWN_MARGIN = Duration.ofMillis(50);

    private final Path stateDir;
    private final Spawner spawner;
    private final ChildMarks marks;
    private final Map<String, Checked> checked = new ConcurrentHashMap<>();

    /** A launch checked for {@code spec}. */
    private record Checked(ChildSpec spec, Launch launch) {
    }

    /**
     * @param stateDir holds the default per-child log files
     * @param marks    the variables every child's environment carries, set last so that no config hides them
     */
    ChildLauncher(Path stateDir, Spawner spawner, ChildMarks marks) {
        this.stateDir = stateDir;
        this.spawner = spawner;
        this.marks = marks;
    }

    Run spawn(ChildSpec spec) throws SpawnException {
        Checked kept = checked.get(spec.name());
        if (kept != null && (kept.spec() == spec || kept.spec().equals(spec))) {
            try {
                return spawner.spawn(kept.launch());
            } catch (SpawnException e) {
                checked.remove(spec.name(), kept);
            }
        }
        Launch launch = check(spec);
        checked.put(spec.name(), new Checked(spec, launch));
        return spawner.spawn(launch);
    }

    private Launch check(ChildSpec spec) throws SpawnException {
        if (spec.argv().isEmpty()) {
            throw new SpawnException("its command is empty");
        }
        Path directory = workingDirectory(spec);
        // the server's own variables reach the child through the spawner: only the child's are carried
        Map<String, String> environment = new HashMap<>(spec.environment());
        environment.putAll(marks.of(spec.name()));
        Path program = Executables.require(spec.argv().get(0), directory,
                environment.getOrDefault("PATH", SERVER_PATH));
        Output out = opened(spec, "stdout", spec.effectiveStdout(stateDir));
        Output err = opened(spec, "stderr", spec.effectiveStderr(stateDir));
        // two descriptors on one truncated file would overwrite each other's bytes
        Output separateErr = out.path().equals(err.path()) ? null : err;
        return new Launch(program, spec.argv(), directory, Map.copyOf(environment), out, separateErr, spec.runAs(),
                spec.file().toAbsolutePath(), respawnAfter(spec));
    }

    /**
     * How long a run must last for the spawner to start the child again at once when it exits: when its restart
     * policy then restarts it without delay whatever the exit ({@code autorestart: always}, a run of at least
     * {@code startsecs}; a margin covers the spawner's clock starting before ours). The engine still decides, and
     * ends the new process when its policy or its file says otherwise. Never for a child with a {@code ready} probe.
     */
    private static Duration respawnAfter(ChildSpec spec) {
        return spec.autoRestart() == AutoRestart.ALWAYS && spec.probes().ready() == null
                ? spec.startSecs().plus(RESPAWN_MARGIN) : null;
    }

    /** Makes sure none of {@code pids} is spawned again at once when it exits (a stop is coming). */
    void disarm(Collection<Long> pids) {
        spawner.disarm(pids);
    }

    /** Where the child runs (not checked): its {@code directory}, else its file's folder. */
    static Path directoryOf(ChildSpec spec) {
        return spec.directory() != null ? spec.directory() : spec.file().toAbsolutePath().getParent();
    }

    /**
     * The child's standard output from here on, for {@code log} probes: taken just before a spawn ({@code running}
     * false: a file the spawn truncates starts over) or for a process already running (from its end now).
     */
    LogCursor stdoutCursor(ChildSpec spec, boolean running) {
        Output out = spec.effectiveStdout(stateDir);
        return LogCursor.from(out.path(), running || out.append());
    }

    private static Path workingDirectory(ChildSpec spec) throws SpawnException {
        Path directory = directoryOf(spec);
        if (!Files.isDirectory(directory)) {
            throw new SpawnException("working directory " + directory
                    + (Files.exists(directory) ? " is not a directory" : " does not exist"));
        }
        return directory.toAbsolutePath();
    }

    /** The output, opened once here so that a refusal names the file. */
    private static Output opened(ChildSpec spec, String stream, Output output) throws SpawnException {
        Path path = output.path();
        // for a child of another user the folder may be that user's: a symlink there could point anywhere
        Set<OpenOption> options = spec.runAs().switchesIdentity()
                ? Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)
                : Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            createFolder(spec, stream, path);
            FileChannel.open(path, options).close();
        } catch (IOException e) {
            throw new SpawnException("cannot open " + stream + " file " + path + ": " + IoReasons.of(e));
        }
        return output;
    }

    /** An output file's missing folder is created, and said once: the next start finds it. */
    private static void createFolder(ChildSpec spec, String stream, Path file) throws IOException {
        Path folder = file.getParent();
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
            LOG.log(Level.INFO, "created folder {0} for the {1} file of {2}", folder, stream, spec.name());
        }
    }
}
