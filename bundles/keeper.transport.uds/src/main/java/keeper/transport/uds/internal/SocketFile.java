package keeper.transport.uds.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Binds a server socket at a path so that only the owner can ever connect: the socket is bound inside
 * a fresh 0700 directory, made 0600 and only then renamed into place. Binding at the final path and
 * chmod-ing afterwards would leave a moment in which anyone could connect and be queued.
 */
final class SocketFile {

    /** sun_path holds 108 bytes on Linux, the last one a NUL. */
    private static final int MAX_PATH_BYTES = 107;

    private SocketFile() {
    }

    /** Binds at {@code path}, replacing a stale socket file that nothing answers on. */
    static ServerSocketChannel bindOwnerOnly(Path path, int backlog) throws IOException {
        removeIfStale(path);
        Path privateDir = Files.createTempDirectory(path.getParent(), ".k",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path staging = privateDir.resolve("s");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            requireShortEnough(path, staging);
            server.bind(UnixDomainSocketAddress.of(staging), backlog);
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rw-------"));
            Files.move(staging, path, StandardCopyOption.ATOMIC_MOVE);
            return server;
        } catch (IOException e) {
            server.close();
            throw e;
        } finally {
            Files.deleteIfExists(staging);
            Files.delete(privateDir);
        }
    }

    private static void requireShortEnough(Path path, Path staging) throws IOException {
        if (staging.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new IOException("the directory of " + path + " has too long a path for a Unix socket (at most "
                    + MAX_PATH_BYTES + " bytes, with room for a temporary name): use a shorter state directory");
        }
    }

    /**
     * Deletes {@code path} if it is a socket file left behind by a server that died. Refuses to touch
     * anything else: a live socket (another server uses it) or a file that is not a socket.
     */
    static void removeIfStale(Path path) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return;
        }
        if (!attributes.isOther()) {
            throw new IOException(path + " exists and is not a socket: move it away so that Keeper can listen there");
        }
        if (answers(path)) {
            throw new IOException("another server is already listening on " + path);
        }
        Files.delete(path);
    }

    private static boolean answers(Path path) throws IOException {
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            return true;
        } catch (ConnectException e) {
            return false;
        }
    }
}
