package keeper.command.internal;

import keeper.api.spi.command.Reply;

/** The answer when a named child is neither in the process table nor in the load paths. */
final class UnknownChild {

    private UnknownChild() {
    }

    static Reply reply(String name) {
        return Reply.error("no child named '" + name + "': no file " + name + ".yml in the load paths and not in the table");
    }
}
