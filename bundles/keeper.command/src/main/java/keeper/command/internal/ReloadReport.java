package keeper.command.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import keeper.api.ConfigException;
import keeper.api.ConfigProblem;
import keeper.api.ConfigSource;
import keeper.api.ServerConfig;

/**
 * What the configuration holds now, for the launcher to log when the server is asked to reload (SIGHUP).
 * Configuration is read again at every command anyway, so a reload changes nothing by itself: it reads
 * server.yml and every child file at once, as {@code status} and {@code info} do, and tells the operator
 * what the next command will see. A JDK type under the property {@code keeper.launcher=reload}, because
 * the launcher's keeper.api classes are not the bundles'. The first line sums up; each further line is
 * one problem.
 */
@Component(service = Supplier.class, property = "keeper.launcher=reload")
public final class ReloadReport implements Supplier<List<String>> {

    private final ConfigSource config;

    @Activate
    public ReloadReport(@Reference ConfigSource config) {
        this.config = config;
    }

    @Override
    public List<String> get() {
        ServerConfig server;
        List<String> names;
        try {
            server = config.server();
            names = config.childNames();
        } catch (ConfigException e) {
            List<String> lines = new ArrayList<>(List.of("server.yml is invalid: " + e.problems().size()
                    + (e.problems().size() == 1 ? " problem" : " problems") + "; commands are refused until it is fixed"));
            e.problems().stream().map(ConfigProblem::toString).forEach(lines::add);
            return lines;
        }
        List<String> lines = new ArrayList<>();
        List<String> problems = ChildFileProblems.lines(config);
        lines.add(server.file() + ": mode " + server.mode().name().toLowerCase(Locale.ROOT) + ", "
                + server.loadPaths().size() + (server.loadPaths().size() == 1 ? " load path, " : " load paths, ")
                + names.size() + (names.size() == 1 ? " child" : " children")
                + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")")
                + (problems.isEmpty() ? "; no problems" : "; " + problems.size() + " child "
                        + (problems.size() == 1 ? "file has" : "files have") + " problems"));
        lines.addAll(problems);
        return lines;
    }
}
