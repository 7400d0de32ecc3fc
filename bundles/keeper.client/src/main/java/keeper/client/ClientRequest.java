package keeper.client;

import java.nio.file.Path;
import java.util.List;

import keeper.api.spi.transport.Endpoint;

/**
 * One parsed client invocation.
 *
 * @param line  the request line sent to every host, e.g. {@code restart web} or {@code status --json}
 * @param hosts the hosts in the order given, never empty
 * @param key   the private key of {@code with KEY.pem}, or {@code null} for an unsigned request
 */
public record ClientRequest(String line, List<Endpoint> hosts, Path key) {
    public ClientRequest {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a request needs at least one host");
        }
    }

    /** The option that asks servers for JSON documents instead of tables. */
    public static final String JSON = "--json";

    public boolean isSigned() {
        return key != null;
    }

    /** The option that asks for a reply that goes on, printed as it comes (a followed log). */
    public static final String FOLLOW = "--follow";

    /** Whether the line asks for {@value #FOLLOW}: the replies are streamed, and wait for no deadline once begun. */
    public boolean follows() {
        return List.of(line.split(" ")).contains(FOLLOW);
    }

    /** The option that asks a server to report how far a long command got while it runs, instead of one late reply. */
    public static final String PROGRESS = "--progress";

    /** The commands that act on children and can take long (thousands of children, stop timeouts, readiness). */
    private static final List<String> LONG_COMMANDS = List.of("start", "stop", "restart", "trystart");

    /**
     * This request asking for progress reports when its command can take long: the server then answers a command
     * still running after half a second with a line a second until its reply, and each host's timeout counts from its
     * last line rather than from the request.
     */
    public ClientRequest withProgress() {
        String command = line.split(" ", 2)[0];
        return LONG_COMMANDS.contains(command) && !reportsProgress()
                ? new ClientRequest(line + " " + PROGRESS, hosts, key) : this;
    }

    /** Whether the line asks for {@value #PROGRESS}. */
    public boolean reportsProgress() {
        return List.of(line.split(" ")).contains(PROGRESS);
    }

    /** The same request to {@code others}, without {@value #PROGRESS}: for servers of before it. */
    public ClientRequest withoutProgress(List<Endpoint> others) {
        StringBuilder without = new StringBuilder();
        for (String word : line.split(" ")) {
            if (!word.equals(PROGRESS)) {
                without.append(without.length() == 0 ? "" : " ").append(word);
            }
        }
        return new ClientRequest(without.toString(), others, key);
    }

    /**
     * Whether {@code reply} is a server of before {@value #PROGRESS} refusing the option (as one it does not know,
     * or as a word too many), so the request is worth sending again without it.
     */
    public static boolean refusesProgress(HostReply reply) {
        return reply.answered() && !reply.ok() && reply.text().contains(PROGRESS)
                && (reply.text().startsWith("usage: ") || reply.text().startsWith("too many words"));
    }

    /** Whether the line asks for {@value #JSON}, so every host's answer, error or not, is printed as JSON. */
    public boolean wantsJson() {
        return List.of(line.split(" ")).contains(JSON);
    }
}
