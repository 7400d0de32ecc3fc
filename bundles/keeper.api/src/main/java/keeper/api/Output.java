package keeper.api;

import java.nio.file.Path;

/**
 * Where one output stream of a child goes.
 *
 * @param path   the file, resolved against the child file's directory when written relative
 * @param append {@code true} for {@code mode: append}, {@code false} for {@code mode: create} (truncate)
 */
public record Output(Path path, boolean append) {
}
