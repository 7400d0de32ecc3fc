package keeper.command.internal;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import keeper.api.spi.command.Caller;
import keeper.api.spi.command.Command;
import keeper.api.spi.command.KeeperCommand;
import keeper.api.spi.command.Reply;
import keeper.api.spi.command.Request;

/** {@code help}: every command the server answers now, plugins included, with what it does. */
@Component(service = KeeperCommand.class)
@Command(HelpCommand.NAME)
public final class HelpCommand implements KeeperCommand {

    static final String NAME = "help";

    private final CommandRegistry commands = new CommandRegistry();

    /** Every command but help itself: a component bound to its own service would be a circular reference. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(!(" + KeeperCommand.NAME + "=" + NAME + "))")
    void addCommand(KeeperCommand command, Map<String, Object> properties) {
        commands.add(command, properties);
    }

    void removeCommand(KeeperCommand command) {
        commands.remove(command);
    }

    @Override
    public Target target() {
        return Target.NONE;
    }

    @Override
    public String description() {
        return "list the commands this server answers";
    }

    @Override
    public Reply execute(Request request, Caller caller) {
        TextTable table = new TextTable("COMMAND", "WHAT IT DOES");
        commands.commands().forEach((name, entry) -> table.row(usage(name, entry.command().target(), entry.options()),
                entry.command().description()));
        table.row(NAME, description());
        return Reply.ok(table.toString());
    }

    private static String usage(String name, Target target, List<String> options) {
        String usage = switch (target) {
            case REQUIRED -> name + " <child>";
            case OPTIONAL -> name + " [child]";
            case NONE -> name;
        };
        return options.stream().reduce(usage, (line, option) -> line + " [" + option + "]");
    }
}
