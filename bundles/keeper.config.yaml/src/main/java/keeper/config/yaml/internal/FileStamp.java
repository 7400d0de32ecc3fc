package keeper.config.yaml.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * What tells one version of a file from the next without reading it: modification time, size and
 * file identity (an editor that saves by renaming a new file over the old one changes the identity).
 */
record FileStamp(FileTime modified, long size, Object fileKey) {

    /** The file's stamp, or empty when it cannot be looked at (the reader then reports why). */
    static Optional<FileStamp> of(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(new FileStamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
