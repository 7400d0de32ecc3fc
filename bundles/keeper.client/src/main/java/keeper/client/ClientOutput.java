package keeper.client;

import java.util.List;
import java.util.stream.Collectors;

import keeper.protocol.Printable;

/**
 * How replies are shown: one host prints just its reply; several print a {@code == host ==} block
 * each, in the order given. The exit code is {@value #OK} only if every host answered OK.
 */
public final class ClientOutput {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

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
        return replies.stream().allMatch(HostReply::ok) ? OK : FAILED;
    }
}
