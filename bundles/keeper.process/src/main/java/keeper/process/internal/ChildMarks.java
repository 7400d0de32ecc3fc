package keeper.process.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Map;
import java.util.Optional;

/**
 * The environment variables that mark every process of a child: {@value #SERVER} names the server
 * (the launcher's {@code keeper.server.id}, kept in its state directory), {@value #CHILD} the child. Every descendant inherits them
 * unless it clears its environment, so the processes of a child can be found in {@code /proc} even
 * after they left its process tree, its group and its session, and even by a server that lost its
 * state file. Not final: tests count the environments read.
 */
class ChildMarks {

    static final String SERVER = "KEEPER_SERVER_ID";
    static final String CHILD = "KEEPER_CHILD";

    private final String serverId;

    ChildMarks(String serverId) {
        this.serverId = serverId;
    }

    /** The variables a process of child {@code name} starts with. */
    Map<String, String> of(String name) {
        return Map.of(SERVER, serverId, CHILD, name);
    }

    /** The child that process {@code pid} belongs to under this server, or empty (unmarked, another server's, gone). */
    Optional<String> childOf(long pid) {
        return ProcessScan.environment(pid).flatMap(this::childIn);
    }

    private Optional<String> childIn(byte[] environment) {
        String server = null;
        String child = null;
        int start = 0;
        for (int i = 0; i <= environment.length; i++) {
            if (i == environment.length || environment[i] == 0) {
                String variable = new String(environment, start, i - start, UTF_8);
                if (variable.startsWith(SERVER + "=")) {
                    server = variable.substring(SERVER.length() + 1);
                } else if (variable.startsWith(CHILD + "=")) {
                    child = variable.substring(CHILD.length() + 1);
                }
                start = i + 1;
            }
        }
        return serverId.equals(server) && ChildNames.valid(child)
                ? Optional.of(child) : Optional.empty();
    }
}
