package keeper.auth.pem.internal;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * A public key file as seen at one lookup; equal only while the file is unchanged, which makes it the
 * key of the parsed-key cache. The file key (device and inode) catches a file replaced within the
 * resolution of its modification time.
 */
record PublicKeyFile(Path path, Object fileKey, FileTime modified, long size) {

    static PublicKeyFile of(Path path, BasicFileAttributes attributes) {
        return new PublicKeyFile(path, attributes.fileKey(), attributes.lastModifiedTime(), attributes.size());
    }
}
