package keeper.command.internal;

import java.util.List;

import keeper.api.ChildStatus;
import keeper.api.Outcome;
import keeper.api.Supervisor;
import keeper.api.spi.command.Caller;
import keeper.api.spi.command.KeeperCommand;
import keeper.api.spi.command.Reply;
import keeper.api.spi.command.Request;

/**
 * A command that acts on one named child through the Supervisor, and on {@code all} where that makes sense. Such
 * work can take long (thousands of children, stop timeouts, readiness probes): with {@value Progress#OPTION} the
 * client is told how far it got while it runs ({@link Progress}).
 */
abstract class ChildCommand implements KeeperCommand {

    static final String ALL = "all";

    private final Supervisor supervisor;
    private final Progress progress;

    ChildCommand(Supervisor supervisor) {
        this(supervisor, new Progress(Progress.PATIENCE, Progress.INTERVAL));
    }

    ChildCommand(Supervisor supervisor, Progress progress) {
        this.supervisor = supervisor;
        this.progress = progress;
    }

    @Override
    public final Target target() {
        return Target.REQUIRED;
    }

    @Override
    public final Reply execute(Request request, Caller caller) {
        if (!request.hasOption(Progress.OPTION)) {
            return work(request);
        }
        Request asked = Progress.withoutOption(request);
        return progress.run(request, () -> work(asked), () -> howFar(asked));
    }

    private Reply work(Request request) {
        return ALL.equals(request.target())
                ? onAll(supervisor, request)
                : OutcomeWords.reply(onOne(supervisor, request.target()));
    }

    /**
     * While the work runs: for {@code all}, how many of the children have a process now (up for start, down for
     * stop), from the table as it stands: no look into /proc per child, which would compete with the work.
     */
    private String howFar(Request request) {
        if (!ALL.equals(request.target())) {
            return "in progress";
        }
        List<ChildStatus> children = supervisor.status();
        int running = 0;
        for (ChildStatus child : children) {
            running += child.state().hasProcess() ? 1 : 0;
        }
        return running + " of " + children.size() + (children.size() == 1 ? " child" : " children") + " running";
    }

    abstract Outcome onOne(Supervisor supervisor, String child);

    /** Refused unless the command says what {@code all} means for it. */
    Reply onAll(Supervisor supervisor, Request request) {
        return Reply.error("'" + request + "' is not supported: name one child");
    }
}
