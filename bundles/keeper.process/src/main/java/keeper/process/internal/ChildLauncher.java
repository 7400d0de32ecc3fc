package keeper.process.internal;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import keeper.api.ChildSpec;
import keeper.api.Output;

/**
 * Spawns a child's command directly (no shell) under {@code setsid}, so the child leads its own
 * session and process group: a signal to the server's group (Ctrl-C, a service manager stopping the
 * server) does not reach it, and it outlives the server as the seed promises. {@code setsid} only
 * forks when its caller leads a process group, which a process the JVM spawns never does, so it
 * execs in place and the pid Java reports is the child program's pid.
 */
final class ChildLauncher {

    private static final File DEV_NULL = new File("/dev/null");
    private static final List<Path> SETSID_PLACES = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private final Path logs;
    private final Optional<Path> setsid;

    /** @param logs directory of the default per-child log files */
    ChildLauncher(Path logs) {
        this.logs = logs;
        this.setsid = SETSID_PLACES.stream().filter(Files::isExecutable).findFirst()
                .or(() -> Executables.find("setsid", Path.of("/"), System.getenv("PATH")));
    }

    Run spawn(ChildSpec spec) throws SpawnException {
        if (spec.argv().isEmpty()) {
            throw new SpawnException("its command is empty");
        }
        Path directory = workingDirectory(spec);
        ProcessBuilder builder = new ProcessBuilder(commandLine(spec))
                .directory(directory.toFile())
                .redirectInput(Redirect.from(DEV_NULL));
        Map<String, String> environment = builder.environment();
        environment.putAll(spec.environment());
        Executables.require(spec.argv().get(0), directory, environment.get("PATH"));
        redirectOutput(builder, spec);
        try {
            return Run.spawned(builder.start());
        } catch (IOException e) {
            throw new SpawnException("cannot run '" + spec.argv().get(0) + "': " + e.getMessage());
        }
    }

    private List<String> commandLine(ChildSpec spec) throws SpawnException {
        Path program = setsid.orElseThrow(() -> new SpawnException(
                "setsid (util-linux) is not installed; Keeper needs it to give each child its own session"));
        List<String> line = new ArrayList<>(spec.argv().size() + 1);
        line.add(program.toString());
        line.addAll(spec.argv());
        return line;
    }

    private static Path workingDirectory(ChildSpec spec) throws SpawnException {
        Path directory = spec.directory() != null ? spec.directory() : spec.file().toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            throw new SpawnException("working directory " + directory + " does not exist");
        }
        return directory;
    }

    private void redirectOutput(ProcessBuilder builder, ChildSpec spec) throws SpawnException {
        Output out = orDefault(spec.stdout(), spec.name() + ".out.log");
        Output err = orDefault(spec.stderr(), spec.name() + ".err.log");
        Path outPath = resolve(spec, out);
        Path errPath = resolve(spec, err);
        builder.redirectOutput(open("stdout", outPath, out.append()));
        if (outPath.equals(errPath)) {
            // two descriptors on one truncated file would overwrite each other's bytes
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(open("stderr", errPath, err.append()));
        }
    }

    private Output orDefault(Output configured, String fileName) {
        return configured != null ? configured : new Output(logs.resolve(fileName), true);
    }

    private static Path resolve(ChildSpec spec, Output output) {
        return spec.file().toAbsolutePath().getParent().resolve(output.path()).normalize();
    }

    /** Opens the file once here so that a refusal names it, rather than a spawn error that might not. */
    private static Redirect open(String stream, Path path, boolean append) throws SpawnException {
        try {
            Files.createDirectories(path.getParent());
            FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
        } catch (IOException e) {
            throw new SpawnException("cannot open " + stream + " file " + path + ": " + IoReasons.of(e));
        }
        return append ? Redirect.appendTo(path.toFile()) : Redirect.to(path.toFile());
    }
}
