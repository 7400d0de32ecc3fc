package keeper.process.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import keeper.api.ChildSpec;
import keeper.api.ChildStatus;
import keeper.api.Rotation;

/**
 * One task for every child's logs: each {@link #PERIOD} it looks at the size of each output file of each child
 * that has a process (one stat per file) and rotates those past their limit ({@link CopyTruncate}). It runs again
 * only once done, so a slow copy never piles up rounds, and it costs no thread per child.
 */
final class LogRotationTask {

    private static final Logger LOG = System.getLogger(LogRotationTask.class.getName());
    /** A log may pass its limit by what its child writes in this time. */
    static final Duration PERIOD = Duration.ofSeconds(1);

    private final Supplier<List<ChildStatus>> children;
    private final Path stateDir;
    private final SupervisorThreads threads;
    /** Files whose last rotation failed: said once, and once more when they rotate again. */
    private final Set<Path> failing = new HashSet<>();

    LogRotationTask(Supplier<List<ChildStatus>> children, Path stateDir, SupervisorThreads threads) {
        this.children = children;
        this.stateDir = stateDir;
        this.threads = threads;
    }

    void start() {
        threads.schedule(PERIOD, "log rotation", this::round);
    }

    private void round() {
        try {
            rotateDue();
        } finally {
            start();
        }
    }

    /** One look at every running child's files (package-private: tests call it without waiting for the timer). */
    void rotateDue() {
        for (Map.Entry<Path, Rotation> log : files().entrySet()) {
            try {
                if (CopyTruncate.rotateIfDue(log.getKey(), log.getValue()) && failing.remove(log.getKey())) {
                    LOG.log(Level.INFO, "rotated {0} again", log.getKey());
                }
            } catch (IOException e) {
                if (failing.add(log.getKey())) {
                    LOG.log(Level.WARNING, "cannot rotate {0}: {1}", log.getKey(), IoReasons.of(e));
                }
            }
        }
    }

    /** Each file once, also when stdout and stderr share it (stdout's rotation then counts). */
    private Map<Path, Rotation> files() {
        Map<Path, Rotation> files = new LinkedHashMap<>();
        for (ChildStatus child : children.get()) {
            ChildSpec spec = child.spec();
            if (spec != null && child.state().hasProcess()) {
                files.putIfAbsent(spec.effectiveStdout(stateDir).path(), spec.logRotation().stdout());
                files.putIfAbsent(spec.effectiveStderr(stateDir).path(), spec.logRotation().stderr());
            }
        }
        return files;
    }
}
