package keeper.api;

import java.nio.file.Path;

/**
 * Where one output stream of a child goes.
 *
 * @param path   the file, resolved against the child file's directory when written relative
 * @param append {@code true} for {@code mode: append}, {@code false} for {@code mode: create} (truncate)
 */
public record Output(Path path, boolean append) {

    /** Where stdout goes without an {@code output} entry: {@code <state>/logs/<child>.out.log}, appended. */
    public static Output defaultStdout(Path stateDir, String child) {
        return new Output(stateDir.resolve("logs").resolve(child + ".out.log"), true);
    }

    /** Where stderr goes without an {@code output} entry: {@code <state>/logs/<child>.err.log}, appended. */
    public static Output defaultStderr(Path stateDir, String child) {
        return new Output(stateDir.resolve("logs").resolve(child + ".err.log"), true);
    }
}
