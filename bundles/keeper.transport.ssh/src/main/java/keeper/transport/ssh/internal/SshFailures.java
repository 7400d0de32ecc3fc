package keeper.transport.ssh.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns what a failed ssh client printed into one line a person can act on. ssh's own wording is
 * stable across OpenSSH releases and is the only report it gives (exit code 255 covers them all).
 */
final class SshFailures {

    private static final List<String> NO_LISTENER = List.of("open failed", "stdio forwarding failed");
    private static final List<String> HOST_KEY = List.of("Host key verification failed", "host key is known",
            "REMOTE HOST IDENTIFICATION HAS CHANGED");
    private static final List<String> UNREACHABLE = List.of("Could not resolve hostname", "Connection refused",
            "Connection timed out", "Operation timed out", "No route to host", "Network is unreachable");
    private static final String AUTH = "Permission denied";

    private SshFailures() {
    }

    /**
     * The cause ssh reported, when it is one we recognise.
     *
     * @param agentHint why the agent could not help, asked only when authentication was refused
     */
    static Optional<String> recognise(TunnelCommand command, String stderr, Supplier<String> agentHint) {
        String prefix = "ssh to " + command.destination() + ": ";
        if (line(stderr, NO_LISTENER).isPresent()) {
            return Optional.of(prefix + "no Keeper server listening on " + TunnelCommand.REMOTE_ADDRESS + ":"
                    + command.keeperPort() + " there");
        }
        if (line(stderr, List.of(AUTH)).isPresent()) {
            return Optional.of(prefix + "authentication refused (" + agentHint.get() + ")");
        }
        if (line(stderr, HOST_KEY).isPresent()) {
            return Optional.of(prefix + "unknown or changed host key (add it to known_hosts: " + command.manual() + " once)");
        }
        return line(stderr, UNREACHABLE).map(line -> prefix + "host unreachable (" + line.replaceFirst("^ssh: ", "") + ")");
    }

    /** For a failure we do not recognise: ssh's own last words. */
    static String lastWords(TunnelCommand command, String stderr, int exitCode) {
        return "ssh to " + command.destination() + " failed: " + lastLine(stderr).orElse("ssh exited with code " + exitCode);
    }

    private static Optional<String> line(String stderr, List<String> markers) {
        return stderr.lines().map(String::strip).filter(line -> markers.stream().anyMatch(line::contains)).findFirst();
    }

    private static Optional<String> lastLine(String stderr) {
        return stderr.lines().map(String::strip).filter(line -> !line.isEmpty()).reduce((first, second) -> second);
    }
}
