package keeper.command.internal;

import keeper.api.Outcome;
import keeper.api.Supervisor;
import keeper.api.spi.command.Caller;
import keeper.api.spi.command.KeeperCommand;
import keeper.api.spi.command.Reply;
import keeper.api.spi.command.Request;

/** A command that acts on one named child through the Supervisor, and on {@code all} where that makes sense. */
abstract class ChildCommand implements KeeperCommand {

    static final String ALL = "all";

    private final Supervisor supervisor;

    ChildCommand(Supervisor supervisor) {
        this.supervisor = supervisor;
    }

    @Override
    public final Target target() {
        return Target.REQUIRED;
    }

    @Override
    public final Reply execute(Request request, Caller caller) {
        return ALL.equals(request.target())
                ? onAll(supervisor, request)
                : OutcomeWords.reply(onOne(supervisor, request.target()));
    }

    abstract Outcome onOne(Supervisor supervisor, String child);

    /** Refused unless the command says what {@code all} means for it. */
    Reply onAll(Supervisor supervisor, Request request) {
        return Reply.error("'" + request + "' is not supported: name one child");
    }
}
