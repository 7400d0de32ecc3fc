package keeper.process.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a program the way {@code execvp} will, so that a missing or non-executable program is a
 * clear refusal at start rather than a child that dies at once with a message in its log.
 */
final class Executables {

    /** execvp's search path when the environment has none. */
    private static final String DEFAULT_PATH = "/bin:/usr/bin";

    private Executables() {
    }

    /** Answers where {@code program} is (absolute when {@code directory} is), or says why it cannot run. */
    static Path require(String program, Path directory, String searchPath) throws SpawnException {
        if (program.contains("/")) {
            Path path = directory.resolve(program);
            if (!Files.isRegularFile(path)) {
                throw new SpawnException("program " + path + " does not exist");
            }
            if (!Files.isExecutable(path)) {
                throw new SpawnException("program " + path + " is not executable");
            }
            return path;
        }
        return find(program, directory, searchPath).orElseThrow(() -> new SpawnException("program '" + program
                + "' not found in PATH (" + (searchPath == null ? DEFAULT_PATH : searchPath) + ")"));
    }

    static Optional<Path> find(String program, Path directory, String searchPath) {
        String path = searchPath == null ? DEFAULT_PATH : searchPath;
        for (String entry : path.split(File.pathSeparator, -1)) {
            Path candidate = directory.resolve(entry.isEmpty() ? "." : entry).resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
