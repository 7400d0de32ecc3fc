package keeper.command.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import keeper.api.Outcome;
import keeper.api.Supervisor;
import keeper.api.spi.command.Command;
import keeper.api.spi.command.CommandOptions;
import keeper.api.spi.command.KeeperCommand;
import keeper.api.spi.command.Reply;
import keeper.api.spi.command.Request;

/** {@code stop <child>} and {@code stop all}. */
@Component(service = KeeperCommand.class)
@Command("stop")
@CommandOptions(Progress.OPTION)
public final class StopCommand extends ChildCommand {

    @Activate
    public StopCommand(@Reference Supervisor supervisor) {
        super(supervisor);
    }

    StopCommand(Supervisor supervisor, Progress progress) {
        super(supervisor, progress);
    }

    @Override
    public String description() {
        return "stop a running child ('stop all': every running child)";
    }

    @Override
    Outcome onOne(Supervisor supervisor, String child) {
        return supervisor.stop(child);
    }

    @Override
    Reply onAll(Supervisor supervisor, Request request) {
        return OutcomeWords.reply(supervisor.stopAll());
    }
}
