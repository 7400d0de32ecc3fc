package keeper.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One child as described by its YAML file at one moment.
 *
 * @param name         the file's stem: {@code web.yml} describes child {@code web}
 * @param file         the child file
 * @param command      {@code command} as written
 * @param argv         the command split with shell-like quoting, or {@code [sh, -c, command]} when {@code shell}
 * @param directory    working directory, or {@code null} for the child file's directory
 * @param environment  variables added to the server's environment
 * @param stdout       where standard output goes, or {@code null} for the default log file
 * @param stderr       where standard error goes, or {@code null} for the default log file
 * @param repeat       the {@code repeat} block, or {@code null}
 * @param prehook      run before the child starts or restarts, or {@code null}
 * @param posthook     run after the child stops, or {@code null}
 * @param autoRestart  what to do when the child exits on its own
 * @param startRetries quick failures tolerated before the child is marked FATAL
 * @param stopTimeout  how long after the stop signal before SIGKILL
 * @param startSecs    how long a run must last to count as started (supervisord's {@code startsecs}); a shorter
 *                     run is a failed start, counted toward {@code startRetries}
 * @param logRotation  when the child's stdout and stderr files are rotated, and how many old copies are kept
 * @param probes       its {@code depends_on}, {@code ready}, {@code health} and {@code max_memory}
 * @param runAs        the user, group, umask, open-files limit and stop signal ({@link RunAs#DEFAULT} when absent)
 */
public record ChildSpec(
        String name,
        Path file,
        String command,
        List<String> argv,
        Path directory,
        Map<String, String> environment,
        Output stdout,
        Output stderr,
        Repeat repeat,
        Hook prehook,
        Hook posthook,
        AutoRestart autoRestart,
        int startRetries,
        Duration stopTimeout,
        Duration startSecs,
        LogRotation logRotation,
        Probes probes,
        RunAs runAs) {

    /**
     * What a child name may be (a regular expression): names come from file stems and from the network
     * and become parts of file names, so only plain words pass.
     */
    public static final String VALID_NAME = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}";

    /** {@code startsecs} when a child file does not set it. */
    public static final Duration DEFAULT_START_SECS = Duration.ofSeconds(1);

    public ChildSpec {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
        startSecs = startSecs == null ? DEFAULT_START_SECS : startSecs;
        logRotation = logRotation == null ? LogRotation.DEFAULT : logRotation;
        probes = probes == null ? Probes.NONE : probes;
        runAs = runAs == null ? RunAs.DEFAULT : runAs;
    }

    /** A child that runs as the server's user, with its umask and limits, stopped by SIGTERM. */
    public ChildSpec(String name, Path file, String command, List<String> argv, Path directory,
            Map<String, String> environment, Output stdout, Output stderr, Repeat repeat, Hook prehook, Hook posthook,
            AutoRestart autoRestart, int startRetries, Duration stopTimeout, Duration startSecs,
            LogRotation logRotation, Probes probes) {
        this(name, file, command, argv, directory, environment, stdout, stderr, repeat, prehook, posthook, autoRestart,
                startRetries, stopTimeout, startSecs, logRotation, probes, RunAs.DEFAULT);
    }

    /** A child with the default log rotation that waits for nothing, is not checked and runs as the server's user. */
    public ChildSpec(String name, Path file, String command, List<String> argv, Path directory,
            Map<String, String> environment, Output stdout, Output stderr, Repeat repeat, Hook prehook, Hook posthook,
            AutoRestart autoRestart, int startRetries, Duration stopTimeout, Duration startSecs) {
        this(name, file, command, argv, directory, environment, stdout, stderr, repeat, prehook, posthook, autoRestart,
                startRetries, stopTimeout, startSecs, LogRotation.DEFAULT, Probes.NONE, RunAs.DEFAULT);
    }

    /** A child with the default {@code startsecs} and log rotation, no probes, running as the server's user. */
    public ChildSpec(String name, Path file, String command, List<String> argv, Path directory,
            Map<String, String> environment, Output stdout, Output stderr, Repeat repeat, Hook prehook, Hook posthook,
            AutoRestart autoRestart, int startRetries, Duration stopTimeout) {
        this(name, file, command, argv, directory, environment, stdout, stderr, repeat, prehook, posthook, autoRestart,
                startRetries, stopTimeout, DEFAULT_START_SECS, LogRotation.DEFAULT, Probes.NONE, RunAs.DEFAULT);
    }

    /** The file stdout goes to, absolute: its {@code output} entry's, or the default one under {@code stateDir}. */
    public Output effectiveStdout(Path stateDir) {
        return resolved(stdout != null ? stdout : Output.defaultStdout(stateDir, name));
    }

    /** The file stderr goes to, absolute: its {@code output} entry's, or the default one under {@code stateDir}. */
    public Output effectiveStderr(Path stateDir) {
        return resolved(stderr != null ? stderr : Output.defaultStderr(stateDir, name));
    }

    private Output resolved(Output output) {
        return new Output(file.toAbsolutePath().getParent().resolve(output.path()).normalize(), output.append());
    }
}
