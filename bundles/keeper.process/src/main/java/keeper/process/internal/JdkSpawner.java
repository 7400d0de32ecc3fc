package keeper.process.internal;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import keeper.api.Output;

/**
 * Spawns through {@link ProcessBuilder}, under {@code setsid}, so the child leads its own session
 * and process group: a signal to the server's group (Ctrl-C, a service manager stopping the server)
 * does not reach it, and it outlives the server as the seed promises. {@code setsid} only forks when
 * its caller leads a process group, which a process the JVM spawns never does, so it execs in place
 * and the pid Java reports is the child program's pid. The JDK keeps one thread per running child
 * blocked in {@code waitpid}; {@link HelperSpawner} avoids that.
 */
final class JdkSpawner implements Spawner {

    private static final File DEV_NULL = new File("/dev/null");
    private static final List<Path> SETSID_PLACES = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private final Optional<Path> setsid = SETSID_PLACES.stream().filter(Files::isExecutable).findFirst()
            .or(() -> Executables.find("setsid", Path.of("/"), System.getenv("PATH")));

    @Override
    public Run spawn(Launch launch) throws SpawnException {
        ProcessBuilder builder = new ProcessBuilder(commandLine(launch))
                .directory(launch.directory().toFile())
                .redirectInput(Redirect.from(DEV_NULL))
                .redirectOutput(redirect(launch.stdout()));
        builder.environment().clear();
        builder.environment().putAll(launch.environment());
        if (launch.stderr() == null) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(redirect(launch.stderr()));
        }
        try {
            Process process = builder.start();
            return Run.spawned(process.toHandle(), process.onExit().thenApply(Process::exitValue));
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
        List<String> line = new ArrayList<>(launch.argv().size() + 1);
        line.add(program.toString());
        line.addAll(launch.argv());
        return line;
    }

    private static Redirect redirect(Output output) {
        return output.append() ? Redirect.appendTo(output.path().toFile()) : Redirect.to(output.path().toFile());
    }
}
