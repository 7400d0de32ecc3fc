package keeper.command.internal;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import keeper.api.ChildStatus;
import keeper.api.ConfigException;
import keeper.api.ConfigSource;
import keeper.api.Health;
import keeper.api.Supervisor;
import keeper.api.spi.command.Caller;
import keeper.api.spi.command.Command;
import keeper.api.spi.command.CommandOptions;
import keeper.api.spi.command.KeeperCommand;
import keeper.api.spi.command.Reply;
import keeper.api.spi.command.Request;
import keeper.protocol.Json;
import keeper.protocol.JsonObject;

/**
 * {@code status [child]}: every child the server knows, in any state. When the child files cannot be
 * listed (a broken server.yml), the children that never ran are missing, so the reply is an error that
 * says why. With {@code --json} the same facts are one JSON document (see {@link JsonReplies}).
 */
@Component(service = KeeperCommand.class)
@Command("status")
@CommandOptions(JsonReplies.OPTION)
public final class StatusCommand implements KeeperCommand {

    private static final DateTimeFormatter CHECKED_AT = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final Supervisor supervisor;
    private final ConfigSource config;
    private final Clock clock;

    @Activate
    public StatusCommand(@Reference Supervisor supervisor, @Reference ConfigSource config) {
        this(supervisor, config, Clock.systemUTC());
    }

    StatusCommand(Supervisor supervisor, ConfigSource config, Clock clock) {
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
        return "list every known child with state, pid, restarts, last exit code and health";
    }

    @Override
    public Reply execute(Request request, Caller caller) {
        return JsonReplies.wanted(request) ? json(request) : text(request);
    }

    private Reply text(Request request) {
        try {
            config.childNames();
        } catch (ConfigException e) {
            Reply known = table(request);
            return Reply.error((known.ok() ? known.text() + "\n" : "") + unlisted(e));
        }
        return request.hasTarget() ? table(request) : ChildFileProblems.appendTo(table(request), config);
    }

    private Reply json(Request request) {
        List<ChildStatus> children = known(request);
        JsonObject document = Json.object().put("children", JsonReplies.children(children, clock.instant()));
        try {
            config.childNames();
        } catch (ConfigException e) {
            return JsonReplies.of(document.put("problems", Json.array()), Reply.error(unlisted(e)));
        }
        if (request.hasTarget()) {
            document.put("problems", Json.array());
            return children.isEmpty() ? JsonReplies.of(document, UnknownChild.reply(request.target())) : JsonReplies.ok(document);
        }
        return JsonReplies.ok(document.put("problems", JsonReplies.problems(config)));
    }

    private static String unlisted(ConfigException e) {
        return "cannot list the child files: " + e.getMessage();
    }

    private List<ChildStatus> known(Request request) {
        return supervisor.status().stream()
                .filter(child -> !request.hasTarget() || child.name().equals(request.target()))
                .toList();
    }

    private Reply table(Request request) {
        List<ChildStatus> children = known(request);
        if (children.isEmpty()) {
            return request.hasTarget()
                    ? UnknownChild.reply(request.target())
                    : Reply.ok("no child is known: the load paths hold no child file");
        }
        TextTable table = new TextTable("NAME", "STATE", "PID", "RESTARTS", "EXIT", "HEALTH");
        children.forEach(child -> table.row(child.name(), child.state().name().toLowerCase(Locale.ROOT),
                child.pid() > 0 ? child.pid() : "-", child.restarts(), child.exitCode() != null ? child.exitCode() : "-",
                health(child.health())));
        return Reply.ok(table.toString());
    }

    /**
     * e.g. {@code unhealthy (2 failed): http http://127.0.0.1:8080/healthz: answered 500 at 12:00:01}; {@code -} when
     * nothing is checked; for a child no longer running, its last result.
     */
    static String health(Health health) {
        if (health.condition() == Health.Condition.NONE && health.detail() == null) {
            return "-";
        }
        String word = health.condition() == Health.Condition.NONE ? "last check"
                : health.condition().name().toLowerCase(Locale.ROOT);
        String failures = health.condition() == Health.Condition.UNHEALTHY && health.failures() > 0
                ? " (" + health.failures() + " failed)" : "";
        String at = health.checkedAt() == null ? ""
                : " at " + CHECKED_AT.format(health.checkedAt().atZone(ZoneId.systemDefault()));
        return word + failures + (health.detail() == null ? "" : ": " + health.detail()) + at;
    }
}
