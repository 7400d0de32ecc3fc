package keeper.client;

import java.util.Collection;
import java.util.List;

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
        return format(replies, false);
    }

    /**
     * Everything a request prints: the replies, as JSON lines with {@code json}; a fleet's ({@code on group:})
     * labelled by host even for one member and ending with the summary line, since which servers answered is news.
     */
    public static String render(List<HostReply> replies, boolean json, boolean fleet) {
        if (json) {
            return fleet ? JsonOutput.format(replies) + "\n" + JsonOutput.summary(replies) : JsonOutput.format(replies);
        }
        return fleet ? format(replies, true) + "\n" + summary(replies) : format(replies);
    }

    /** @param labelled a block per host even for one, e.g. for a group: which server answered is news */
    public static String format(List<HostReply> replies, boolean labelled) {
        if (replies.size() == 1 && !labelled) {
            return Printable.text(replies.get(0).text().stripTrailing());
        }
        StringBuilder blocks = new StringBuilder();
        for (HostReply reply : replies) {
            blocks.append(blocks.length() == 0 ? "" : "\n").append("== ")
                    .append(Printable.line(reply.endpoint().text(), Integer.MAX_VALUE)).append(" ==\n")
                    .append(Printable.text(reply.text().stripTrailing()));
        }
        return blocks.toString();
    }

    /**
     * How a request to several hosts went: answered OK, refused (the server answered with an error), and
     * unreachable (not asked, or no answer in time).
     */
    public record Tally(int hosts, int answered, int refused, int unreachable) {

        public static Tally of(List<HostReply> replies) {
            int answered = 0;
            int refused = 0;
            for (HostReply reply : replies) {
                answered += reply.ok() ? 1 : 0;
                refused += !reply.ok() && reply.answered() ? 1 : 0;
            }
            return new Tally(replies.size(), answered, refused, replies.size() - answered - refused);
        }
    }

    /** One line for a request to several hosts: {@code 5 hosts: 3 answered, 1 refused, 1 unreachable}. */
    public static String summary(List<HostReply> replies) {
        Tally tally = Tally.of(replies);
        return tally.hosts() + " hosts: " + tally.answered() + " answered, " + tally.refused() + " refused, "
                + tally.unreachable() + " unreachable";
    }

    /**
     * {@code keeper hosts}: one line per member, {@code ENDPOINT  SERVER-ID  VERSION  GROUPS}. What a member
     * registered is shown escaped like a reply: anyone who may write the registry wrote it.
     */
    public static String members(Collection<FleetMember> members) {
        StringBuilder text = new StringBuilder();
        for (FleetMember member : members) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(Printable.line(member.endpoint(), 300)).append("  ").append(Printable.line(member.serverId(), 80))
                    .append("  ").append(Printable.line(member.version(), 80)).append("  ")
                    .append(Printable.line(String.join(",", member.groups()), 1000));
        }
        return text.toString();
    }

    /** Loops rather than streams, like everything a plain status call runs: the CLI pays for a stream's first use. */
    public static int exitCode(List<HostReply> replies) {
        int code = OK;
        for (HostReply reply : replies) {
            if (!reply.ok() && reply.text().startsWith(USAGE_REPLY)) {
                return USAGE;
            }
            code = reply.ok() ? code : FAILED;
        }
        return code;
    }
}
