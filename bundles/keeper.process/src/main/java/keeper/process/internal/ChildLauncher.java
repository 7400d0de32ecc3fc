package keeper.process.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

import keeper.api.ChildSpec;
import keeper.api.Output;

/**
 * Turns a child's config into a {@link Launch} (working directory, program, environment, output
 * files, each checked so that a refusal names what is wrong) and hands it to the {@link Spawner}.
 */
final class ChildLauncher {

    private final Path logs;
    private final Spawner spawner;
    private final ChildMarks marks;

    /**
     * @param logs  directory of the default per-child log files
     * @param marks the variables every child's environment carries, set last so that no config hides them
     */
    ChildLauncher(Path logs, Spawner spawner, ChildMarks marks) {
        this.logs = logs;
        this.spawner = spawner;
        this.marks = marks;
    }

    Run spawn(ChildSpec spec) throws SpawnException {
        if (spec.argv().isEmpty()) {
            throw new SpawnException("its command is empty");
        }
        Path directory = workingDirectory(spec);
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(spec.environment());
        environment.putAll(marks.of(spec.name()));
        Path program = Executables.require(spec.argv().get(0), directory, environment.get("PATH"));
        Output out = output(spec, "stdout", orDefault(spec.stdout(), spec.name() + ".out.log"));
        Output err = output(spec, "stderr", orDefault(spec.stderr(), spec.name() + ".err.log"));
        // two descriptors on one truncated file would overwrite each other's bytes
        Output separateErr = out.path().equals(err.path()) ? null : err;
        return spawner.spawn(new Launch(program, spec.argv(), directory, environment, out, separateErr));
    }

    private static Path workingDirectory(ChildSpec spec) throws SpawnException {
        Path directory = spec.directory() != null ? spec.directory() : spec.file().toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            throw new SpawnException("working directory " + directory + " does not exist");
        }
        return directory.toAbsolutePath();
    }

    private Output orDefault(Output configured, String fileName) {
        return configured != null ? configured : new Output(logs.resolve(fileName), true);
    }

    /** The output with its path made absolute, opened once here so that a refusal names the file. */
    private static Output output(ChildSpec spec, String stream, Output output) throws SpawnException {
        Path path = spec.file().toAbsolutePath().getParent().resolve(output.path()).normalize();
        try {
            Files.createDirectories(path.getParent());
            FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
        } catch (IOException e) {
            throw new SpawnException("cannot open " + stream + " file " + path + ": " + IoReasons.of(e));
        }
        return new Output(path, output.append());
    }
}
