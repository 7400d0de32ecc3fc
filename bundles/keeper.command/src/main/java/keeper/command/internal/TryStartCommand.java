package keeper.command.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import keeper.api.Outcome;
import keeper.api.Supervisor;
import keeper.api.spi.command.Command;
import keeper.api.spi.command.CommandOptions;
import keeper.api.spi.command.KeeperCommand;

/** {@code trystart <child>}. */
@Component(service = KeeperCommand.class)
@Command("trystart")
@CommandOptions(Progress.OPTION)
public final class TryStartCommand extends ChildCommand {

    @Activate
    public TryStartCommand(@Reference Supervisor supervisor) {
        super(supervisor);
    }

    @Override
    public String description() {
        return "restart a child if it runs, else start it";
    }

    @Override
    Outcome onOne(Supervisor supervisor, String child) {
        return supervisor.tryStart(child);
    }
}
