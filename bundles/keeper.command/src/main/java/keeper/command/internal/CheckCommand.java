package keeper.command.internal;

import java.time.Clock;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import keeper.api.ChildStatus;
import keeper.api.ConfigSource;
import keeper.api.Supervisor;
import keeper.api.spi.command.Caller;
import keeper.api.spi.command.Command;
import keeper.api.spi.command.CommandOptions;
import keeper.api.spi.command.KeeperCommand;
import keeper.api.spi.command.Reply;
import keeper.api.spi.command.Request;
import keeper.protocol.Json;

/**
 * {@code check [child]}: the running children; children stopped by command leave the table, EXITED and FATAL ones
 * keep their facts for {@code status}. With {@code --json}, one JSON document of the same shape as status's.
 */
@Component(service = KeeperCommand.class)
@Command("check")
@CommandOptions(JsonReplies.OPTION)
public final class CheckCommand implements KeeperCommand {

    private final Supervisor supervisor;
    private final ConfigSource config;
    private final Clock clock;

    @Activate
    public CheckCommand(@Reference Supervisor supervisor, @Reference ConfigSource config) {
        this(supervisor, config, Clock.systemUTC());
    }

    CheckCommand(Supervisor supervisor, ConfigSource config, Clock clock) {
        this.supervisor = supervisor;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Target target() {
        return Target.OPTIONAL;
    }

    @Override
    public String description() {
        return "list the running children with pid and uptime (forgets the stopped ones)";
    }

    @Override
    public Reply execute(Request request, Caller caller) {
        if (JsonReplies.wanted(request)) {
            return JsonReplies.ok(Json.object()
                    .put("children", JsonReplies.children(supervisor.check(request.target()), clock.instant()))
                    .put("problems", request.hasTarget() ? Json.array() : JsonReplies.problems(config)));
        }
        Reply running = running(request);
        return request.hasTarget() ? running : ChildFileProblems.appendTo(running, config);
    }

    private Reply running(Request request) {
        List<ChildStatus> running = supervisor.check(request.target());
        if (running.isEmpty()) {
            return Reply.ok(request.hasTarget() ? request.target() + " is not running" : "no child is running");
        }
        TextTable table = new TextTable("NAME", "PID", "UPTIME");
        running.forEach(child -> table.row(child.name(), child.pid(), Uptime.between(child.startedAt(), clock.instant())));
        return Reply.ok(table.toString());
    }
}
