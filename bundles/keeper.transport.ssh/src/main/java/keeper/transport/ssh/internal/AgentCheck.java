package keeper.transport.ssh.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Says why the ssh-agent did not get a user in, with {@code ssh-add -l}: run only after the server
 * refused authentication, so a working connection never pays for it.
 */
final class AgentCheck {

    private static final Duration LIMIT = Duration.ofSeconds(3);
    /** ssh-add -l: 0 keys listed, 1 agent has no keys, 2 agent unreachable. */
    private static final int HAS_KEYS = 0;
    private static final int NO_KEYS = 1;

    private AgentCheck() {
    }

    static String hint(SshSettings settings) {
        if (settings.authSock() == null) {
            return "no ssh-agent: SSH_AUTH_SOCK is not set; start one with eval $(ssh-agent) and ssh-add your key";
        }
        int status;
        try {
            status = listKeys(settings);
        } catch (IOException e) {
            return "ssh-add not found to check the ssh-agent";
        }
        return switch (status) {
            case HAS_KEYS -> "the server accepted none of the ssh-agent's keys: is your public key in its authorized_keys?";
            case NO_KEYS -> "the ssh-agent has no keys: ssh-add your key";
            default -> "cannot reach the ssh-agent at " + settings.authSock() + ": start one and ssh-add your key";
        };
    }

    private static int listKeys(SshSettings settings) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(sshAdd(settings), "-l")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        settings.applyAgent(builder.environment());
        Process process = builder.start();
        try {
            if (process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        return -1;
    }

    /** The ssh-add beside the ssh client in use, so that a configured client is checked with its own tools. */
    private static String sshAdd(SshSettings settings) {
        Path parent = Path.of(settings.binary()).getParent();
        if (parent != null && Files.isExecutable(parent.resolve("ssh-add"))) {
            return parent.resolve("ssh-add").toString();
        }
        return "ssh-add";
    }
}
