package keeper.command.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import keeper.api.ChildSpec;
import keeper.api.ChildStatus;
import keeper.api.ConfigException;
import keeper.api.ConfigSource;
import keeper.api.FeatureManager;
import keeper.api.KeeperProperties;
import keeper.api.ServerConfig;
import keeper.api.ServerInfo;
import keeper.api.Supervisor;
import keeper.api.spi.command.Caller;
import keeper.api.spi.command.Command;
import keeper.api.spi.command.CommandOptions;
import keeper.api.spi.command.KeeperCommand;
import keeper.api.spi.command.Reply;
import keeper.api.spi.command.Request;
import keeper.api.spi.transport.Listener;
import keeper.protocol.Json;
import keeper.protocol.JsonObject;

/**
 * {@code info}: who the server is, how it is configured, where it listens and what runs; {@code info <child>}: that
 * child's configuration. With {@code --json}, the same facts as one JSON document.
 */
@Component(service = KeeperCommand.class)
@Command("info")
@CommandOptions(JsonReplies.OPTION)
public final class InfoCommand implements KeeperCommand {

    private final Supervisor supervisor;
    private final ConfigSource config;
    private final Clock clock;
    private final Path stateDir;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile FeatureManager features;

    @Activate
    public InfoCommand(@Reference Supervisor supervisor, @Reference ConfigSource config, BundleContext context) {
        this(supervisor, config, Clock.systemUTC(), Path.of(context.getProperty(KeeperProperties.STATE_DIR)));
    }

    /** @param stateDir the launcher's state directory, which holds the default log files */
    InfoCommand(Supervisor supervisor, ConfigSource config, Clock clock, Path stateDir) {
        this.supervisor = supervisor;
        this.config = config;
        this.clock = clock;
        this.stateDir = stateDir;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addListener(Listener listener) {
        listeners.add(listener);
    }

    void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setFeatures(FeatureManager manager) {
        features = manager;
    }

    void unsetFeatures(FeatureManager manager) {
        if (features == manager) {
            features = null;
        }
    }

    @Override
    public Target target() {
        return Target.OPTIONAL;
    }

    @Override
    public String description() {
        return "show the server's version, pid, uptime, configuration, addresses and running children,"
                + " or one child's configuration";
    }

    @Override
    public Reply execute(Request request, Caller caller) {
        boolean json = JsonReplies.wanted(request);
        if (request.hasTarget()) {
            return child(request.target(), json);
        }
        return json ? serverJson() : server();
    }

    private Reply child(String name, boolean json) {
        Optional<ChildStatus> child = supervisor.status().stream().filter(status -> status.name().equals(name)).findFirst();
        if (child.isEmpty()) {
            Reply unknown = UnknownChild.reply(name);
            return json ? JsonReplies.error(unknown.text()) : unknown;
        }
        if (child.get().spec() != null) {
            return specReply(child.get().spec(), json);
        }
        // The table has a spec only for children started by this server: one that has not run yet is read from its file.
        try {
            Optional<ChildSpec> spec = config.child(name);
            if (spec.isPresent()) {
                return specReply(spec.get(), json);
            }
            String gone = name + " was adopted from an earlier server and its child file is gone";
            return json ? JsonReplies.ok(Json.object().put("name", name).put("file", null).put("note", gone))
                    : Reply.ok(gone);
        } catch (ConfigException e) {
            return json ? JsonReplies.error(e.getMessage()) : Reply.error(e.getMessage());
        }
    }

    private Reply specReply(ChildSpec spec, boolean json) {
        return json ? JsonReplies.ok(JsonReplies.spec(spec, stateDir)) : Reply.ok(ChildSpecView.of(spec, stateDir));
    }

    private Reply serverJson() {
        ServerInfo info = supervisor.info();
        JsonObject document = Json.object()
                .put("version", info.version())
                .put("pid", info.pid())
                .put("started_at", info.startedAt().toString())
                .put("uptime_ms", JsonReplies.millisBetween(info.startedAt(), clock.instant()));
        ServerConfig server = info.config();
        if (server != null) {
            document.put("config", Json.object()
                    .put("file", String.valueOf(server.file()))
                    .put("load_paths", server.loadPaths().stream().map(String::valueOf).toList())
                    .put("mode", server.mode().name().toLowerCase(Locale.ROOT))
                    .put("encrypt", server.encrypt()));
        } else {
            document.put("config", null).put("config_error", unreadableConfig());
        }
        return JsonReplies.ok(document
                .put("listening", listeners.stream().map(Listener::address).sorted().toList())
                .put("features", installedFeatures())
                .put("running", info.running())
                .put("problems", JsonReplies.problems(config)));
    }

    private Reply server() {
        ServerInfo info = supervisor.info();
        TextTable table = new TextTable("version:", info.version())
                .row("pid:", info.pid())
                .row("uptime:", Uptime.between(info.startedAt(), clock.instant()));
        ServerConfig server = info.config();
        if (server != null) {
            table.row("config:", server.file())
                    .row("loadpaths:", joined(server.loadPaths()))
                    .row("mode:", server.mode().name().toLowerCase(Locale.ROOT))
                    .row("encrypt:", server.encrypt() ? "on" : "off");
        } else {
            table.row("config:", unreadableConfig());
        }
        table.row("listening:", joined(listeners.stream().map(Listener::address).sorted().toList()))
                .row("features:", joined(installedFeatures()))
                .row("running:", joined(info.running()));
        return ChildFileProblems.appendTo(Reply.ok(table.toString()), config);
    }

    /** Why server.yml cannot be read right now (it was readable at start, or the server would not run). */
    private String unreadableConfig() {
        try {
            config.server();
            return "changed while being read; ask again";
        } catch (ConfigException e) {
            return "cannot be read now: " + e.getMessage();
        }
    }

    private List<String> installedFeatures() {
        FeatureManager manager = features;
        return manager == null ? List.of()
                : manager.features().stream().filter(FeatureManager.Feature::installed).map(FeatureManager.Feature::name).toList();
    }

    private static String joined(List<?> items) {
        return items.isEmpty() ? "none" : items.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
