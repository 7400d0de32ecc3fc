package keeper.api;

import java.time.Instant;
import java.util.List;

/**
 * A server's answer to {@code info}.
 *
 * @param version   Keeper's version
 * @param pid       the server's process id
 * @param startedAt when the server started
 * @param config    server.yml as read for this answer
 * @param running   names of the running children, sorted
 */
public record ServerInfo(String version, long pid, Instant startedAt, ServerConfig config, List<String> running) {
    public ServerInfo {
        running = List.copyOf(running);
    }
}
