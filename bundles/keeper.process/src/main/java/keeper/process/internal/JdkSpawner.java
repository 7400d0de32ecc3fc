package keeper.process.internal;

import java.io.File;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import keeper.api.Output;

/**
 * Spawns through {@link ProcessBuilder}, under {@code setsid}, so the child leads its own session
 * and process group: a signal to the server's group (Ctrl-C, a service manager stopping the server)
 * does not reach it, and it outlives the server as the seed promises. {@code setsid} only forks when
 * its caller leads a process group, which a process the JVM spawns never does, so it execs in place
 * and the pid Java reports is the child program's pid. Between the two, {@code env --default-signal}
 * (GNU coreutils 8.31 or newer) resets every signal disposition: exec keeps ignored signals ignored,
 * and a server started as a background job of a non-interactive shell has SIGINT and SIGQUIT
 * ignored, which its children must not inherit. The JDK keeps one thread per running child blocked
 * in {@code waitpid}; {@link HelperSpawner} avoids that.
 */
final class JdkSpawner implements Spawner {

    private static final File DEV_NULL = new File("/dev/null");
    private static final List<Path> SETSID_PLACES = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private static final Logger LOG = System.getLogger(JdkSpawner.class.getName());
    private static final List<Path> ENV_PLACES = List.of(Path.of("/usr/bin/env"), Path.of("/bin/env"));
    private static final String DEFAULT_SIGNALS = "--default-signal";

    private final Optional<Path> setsid = SETSID_PLACES.stream().filter(Files::isExecutable).findFirst()
            .or(() -> Executables.find("setsid", Path.of("/"), System.getenv("PATH")));
    private final JdkRunAs runAs = new JdkRunAs();
    private final StartInstants startInstants = new StartInstants();
    /** {@code env} when it can reset signals; looked for at the first spawn. */
    private Optional<Path> resetSignals;

    @Override
    public Run spawn(Launch launch) throws SpawnException {
        ProcessBuilder builder = new ProcessBuilder(commandLine(launch))
                .directory(launch.directory().toFile())
                .redirectInput(Redirect.from(DEV_NULL))
                .redirectOutput(redirect(launch.stdout()));
        builder.environment().putAll(launch.environment());
        if (launch.stderr() == null) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(redirect(launch.stderr()));
        }
        try {
            Process process = builder.start();
            return Run.spawned(process.toHandle(), startInstants.of(process.toHandle()),
                    process.onExit().thenApply(Process::exitValue), CompletableFuture.completedFuture(null));
        } catch (IOException e) {
            throw launch.cannotRun(e.getMessage());
        }
    }

    @Override
    public void close() {
        // nothing of its own: the JDK's reaper threads end with their children
    }

    private List<String> commandLine(Launch launch) throws SpawnException {
        Path program = setsid.orElseThrow(() -> new SpawnException(
                "setsid (util-linux) is not installed; Keeper needs it to give each child its own session"));
        List<String> line = new ArrayList<>(launch.argv().size() + 4);
        line.add(program.toString());
        line.addAll(runAs.wrappers(launch));
        Optional<Path> env = resetSignals();
        if (env.isPresent()) {
            line.addAll(List.of(env.get().toString(), DEFAULT_SIGNALS, "--"));
            // env takes a first word holding '=' for a variable to set: name the program by its path then
            String first = launch.argv().get(0);
            line.add(first.contains("=") ? launch.program().toString() : first);
            line.addAll(launch.argv().subList(1, launch.argv().size()));
        } else {
            line.addAll(launch.argv());
        }
        return line;
    }

    private synchronized Optional<Path> resetSignals() {
        if (resetSignals == null) {
            resetSignals = ENV_PLACES.stream().filter(Files::isExecutable).findFirst().filter(JdkSpawner::resetsSignals);
        }
        return resetSignals;
    }

    /** Whether {@code env} knows {@code --default-signal}; logs what children then inherit when it does not. */
    private static boolean resetsSignals(Path env) {
        try {
            Process probe = new ProcessBuilder(env.toString(), DEFAULT_SIGNALS, "true").redirectErrorStream(true)
                    .redirectOutput(Redirect.DISCARD).redirectInput(Redirect.from(DEV_NULL)).start();
            if (probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                return true;
            }
            probe.destroyForcibly();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot run {0}: {1}", env, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.log(Level.WARNING, "{0} lacks {1} (coreutils 8.31 or newer): children inherit the signals the server"
                + " ignores (e.g. SIGINT when it runs as a background job)", env, DEFAULT_SIGNALS);
        return false;
    }

    /**
     * Always appending, also for {@code mode: create} (truncated here first): a log rotated by copy and truncate is
     * then written at its new end, not at the old offset behind a hole of NUL bytes.
     */
    private static Redirect redirect(Output output) throws SpawnException {
        if (!output.append()) {
            try {
                Files.newByteChannel(output.path(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING).close();
            } catch (IOException e) {
                throw new SpawnException("cannot open " + output.path() + ": " + IoReasons.of(e));
            }
        }
        return Redirect.appendTo(output.path().toFile());
    }
}
