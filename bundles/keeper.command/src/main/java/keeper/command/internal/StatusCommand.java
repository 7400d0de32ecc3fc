package keeper.command.internal;

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
import keeper.api.spi.command.KeeperCommand;
import keeper.api.spi.command.Reply;
import keeper.api.spi.command.Request;

/**
 * {@code status [child]}: every child the server knows, in any state. When the child files cannot be
 * listed (a broken server.yml), the children that never ran are missing, so the reply is an error that
 * says why.
 */
@Component(service = KeeperCommand.class)
@Command("status")
public final class StatusCommand implements KeeperCommand {

    private static final DateTimeFormatter CHECKED_AT = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final Supervisor supervisor;
    private final ConfigSource config;

    @Activate
    public StatusCommand(@Reference Supervisor supervisor, @Reference ConfigSource config) {
        this.supervisor = supervisor;
        this.config = config;
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
        try {
            config.childNames();
        } catch (ConfigException e) {
            Reply known = table(request);
            return Reply.error((known.ok() ? known.text() + "\n" : "") + "cannot list the child files: " + e.getMessage());
        }
        return request.hasTarget() ? table(request) : ChildFileProblems.appendTo(table(request), config);
    }

    private Reply table(Request request) {
        List<ChildStatus> children = supervisor.status().stream()
                .filter(child -> !request.hasTarget() || child.name().equals(request.target()))
                .toList();
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
