package keeper.command.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import keeper.api.Outcome;
import keeper.api.Supervisor;
import keeper.api.spi.command.Command;
import keeper.api.spi.command.CommandOptions;
import keeper.api.spi.command.KeeperCommand;

/** {@code restart <child>}. */
@Component(service = KeeperCommand.class)
@Command("restart")
@CommandOptions(Progress.OPTION)
public final class RestartCommand extends ChildCommand {

    @Activate
    public RestartCommand(@Reference Supervisor supervisor) {
        super(supervisor);
    }

    @Override
    public String description() {
        return "restart a running child";
    }

    @Override
    Outcome onOne(Supervisor supervisor, String child) {
        return supervisor.restart(child);
    }
}
