package keeper.client;

import java.util.List;
import java.util.stream.Collectors;

import keeper.protocol.Printable;

/**
 * How replies are shown: one host prints just its reply; several print a {@code == host ==} block
 * each, in the order given. The exit code is {@value #OK} only if every host answered OK, and
 * {@value #USAGE} when a server said the words do not fit the command (e.g. {@code stop} without a child).
 */
public final class ClientOutput {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    /** An ERR reply starting with this says the request's words do not fit its command, as a usage error. */
    public static final String USAGE_REPLY = "usage: ";

    private ClientOutput() {
    }

    /** Control characters a server sent (or a child file's name holds) are shown escaped, never sent to the terminal. */
    public static String format(List<HostReply> replies) {
        if (replies.size() == 1) {
            return Printable.text(replies.get(0).text().stripTrailing());
        }
        return replies.stream()
                .map(reply -> "== " + Printable.line(reply.endpoint().text(), Integer.MAX_VALUE) + " ==\n"
                        + Printable.text(reply.text().stripTrailing()))
                .collect(Collectors.joining("\n"));
    }

    public static int exitCode(List<HostReply> replies) {
        if (replies.stream().anyMatch(reply -> !reply.ok() && reply.text().startsWith(USAGE_REPLY))) {
            return USAGE;
        }
        return replies.stream().allMatch(HostReply::ok) ? OK : FAILED;
    }
}
