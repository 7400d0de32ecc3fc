package keeper.transport.uds.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import keeper.api.CommandDispatcher;
import keeper.api.spi.command.Caller;
import keeper.protocol.RequestServer;

/**
 * Serves Keeper requests on an owner-only Unix-domain socket through the shared {@link RequestServer};
 * this class only binds the socket file and names callers. Callers are trusted: the file's permissions
 * already limit them to the socket's owner. Knows nothing of OSGi, so tests run it as it is.
 */
final class UnixSocketServer implements Closeable {

    private final Path path;
    private final RequestServer server;

    private UnixSocketServer(Path path, RequestServer server) {
        this.path = path;
        this.server = server;
    }

    /** Binds {@code path} (owner-only) and starts serving as the server {@code serverId}. */
    static UnixSocketServer start(Path path, String serverId, CommandDispatcher dispatcher, RequestServer.Limits limits)
            throws IOException {
        Caller caller = new Caller("uds", path.toString(), true);
        return new UnixSocketServer(path, RequestServer.start("uds", "unix://" + path, serverId,
                SocketFile.bindOwnerOnly(path, limits.workers() + limits.queue()), client -> caller, dispatcher, limits));
    }

    /** Where it listens, as a URI: {@code unix:///path/to/keeper.sock}. */
    String address() {
        return "unix://" + path;
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(path);
    }
}
