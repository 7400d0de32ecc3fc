package keeper.auth.pem.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Finds {@code <name>.pem} in the pub_keys_path directories; the name must already be a valid key name. */
final class PublicKeyDirectories {

    static final String SUFFIX = ".pem";

    private PublicKeyDirectories() {
    }

    /** The one file for {@code keyName} across all {@code directories}; none or several is a rejection. */
    static PublicKeyFile find(List<Path> directories, String keyName) throws Rejection {
        if (directories.isEmpty()) {
            throw new Rejection("unknown key '" + keyName + "': server.yml has no pub_keys_path");
        }
        List<PublicKeyFile> found = new ArrayList<>();
        for (Path directory : distinct(directories)) {
            PublicKeyFile file = inDirectory(directory, keyName);
            if (file != null) {
                found.add(file);
            }
        }
        if (found.isEmpty()) {
            throw new Rejection("unknown key '" + keyName + "': no " + keyName + SUFFIX + " in pub_keys_path " + directories);
        }
        if (found.size() > 1) {
            throw new Rejection("key '" + keyName + "' is ambiguous: " + found.stream().map(PublicKeyFile::path).toList()
                    + " all match; key names must be unique across pub_keys_path");
        }
        return found.get(0);
    }

    /** The same directory listed twice is one directory, not two candidates. */
    private static Set<Path> distinct(List<Path> directories) {
        Set<Path> distinct = new LinkedHashSet<>();
        directories.forEach(directory -> distinct.add(directory.toAbsolutePath().normalize()));
        return distinct;
    }

    private static PublicKeyFile inDirectory(Path directory, String keyName) throws Rejection {
        Path file = directory.resolve(keyName + SUFFIX).normalize();
        // Defence in depth: a valid key name cannot leave the directory, and this proves it did not.
        if (!directory.equals(file.getParent())) {
            throw new Rejection("key name '" + keyName + "' resolves outside " + directory);
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new Rejection("public key " + file + " cannot be read: " + e);
        }
        if (attributes.isSymbolicLink()) {
            throw new Rejection("public key " + file + " is a symbolic link; Keeper reads only regular files in pub_keys_path");
        }
        if (!attributes.isRegularFile()) {
            throw new Rejection("public key " + file + " is not a regular file");
        }
        return PublicKeyFile.of(file, attributes);
    }
}
