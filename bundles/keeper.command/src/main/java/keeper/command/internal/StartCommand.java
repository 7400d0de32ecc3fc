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

/** {@code start <child>} and {@code start all}. */
@Component(service = KeeperCommand.class)
@Command("start")
@CommandOptions(Progress.OPTION)
public final class StartCommand extends ChildCommand {

    @Activate
    public StartCommand(@Reference Supervisor supervisor) {
        super(supervisor);
    }

    StartCommand(Supervisor supervisor, Progress progress) {
        super(supervisor, progress);
    }

    @Override
    public String description() {
        return "start a child that is not running ('start all': every child not running)";
    }

    @Override
    Outcome onOne(Supervisor supervisor, String child) {
        return supervisor.start(child);
    }

    @Override
    Reply onAll(Supervisor supervisor, Request request) {
        return OutcomeWords.reply(supervisor.startAll());
    }
}
