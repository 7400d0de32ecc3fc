package keeper.command.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import keeper.api.ChildSpec;
import keeper.api.ChildStatus;
import keeper.api.ConfigException;
import keeper.api.ConfigSource;
import keeper.api.KeeperProperties;
import keeper.api.Supervisor;
import keeper.api.spi.command.Caller;
import keeper.api.spi.command.Command;
import keeper.api.spi.command.CommandOptions;
import keeper.api.spi.command.KeeperCommand;
import keeper.api.spi.command.Reply;
import keeper.api.spi.command.Request;

/**
 * {@code logs <child> [--stderr] [--lines=N] [--follow]}: the last lines of a child's stdout (or stderr) file,
 * and with {@code --follow} every line it writes from then on, through rotations, until the peer hangs up. The
 * file is the one the child was started with, or for a child that has not run, the one its file names now.
 * The text is the child's own bytes: front ends escape it ({@code Printable}) before a terminal sees it.
 */
@Component(service = KeeperCommand.class)
@Command("logs")
@CommandOptions({ LogsCommand.STDERR, LogsCommand.LINES, LogsCommand.FOLLOW })
public final class LogsCommand implements KeeperCommand {

    static final String STDERR = "--stderr";
    static final String LINES = "--lines";
    static final String FOLLOW = "--follow";
    static final int DEFAULT_LINES = 10;
    static final int MAX_LINES = 10_000;
    /** At most this much of a file is shown at once: well inside a reply frame, whatever the lines' length. */
    static final int MAX_TAIL_BYTES = 4 * 1024 * 1024;

    private final Supervisor supervisor;
    private final ConfigSource config;
    private final Path stateDir;

    @Activate
    public LogsCommand(@Reference Supervisor supervisor, @Reference ConfigSource config, BundleContext context) {
        this(supervisor, config, Path.of(context.getProperty(KeeperProperties.STATE_DIR)));
    }

    /** @param stateDir the launcher's state directory, which holds the default log files */
    LogsCommand(Supervisor supervisor, ConfigSource config, Path stateDir) {
        this.supervisor = supervisor;
        this.config = config;
        this.stateDir = stateDir;
    }

    @Override
    public Target target() {
        return Target.REQUIRED;
    }

    @Override
    public String description() {
        return "show the last lines of a child's stdout (--stderr: stderr), --lines=N of them (default 10),"
                + " and with --follow every new line until interrupted";
    }

    @Override
    public Reply execute(Request request, Caller caller) {
        Optional<Integer> lines = lines(request);
        if (lines.isEmpty()) {
            return Reply.error("usage: logs <child> [--stderr] [--lines=N] [--follow]: N is a whole number from 1 to "
                    + MAX_LINES + ", and only --lines takes a value");
        }
        Optional<ChildSpec> spec;
        try {
            spec = spec(request.target());
        } catch (ConfigException e) {
            return Reply.error(e.getMessage());
        }
        if (spec.isEmpty()) {
            return UnknownChild.reply(request.target());
        }
        boolean stderr = request.hasOption(STDERR);
        Path file = (stderr ? spec.get().effectiveStderr(stateDir) : spec.get().effectiveStdout(stateDir)).path();
        try {
            LogFollower follower = request.hasOption(FOLLOW) ? new LogFollower(file) : null;
            LogTail tail = LogTail.of(file, lines.get(), MAX_TAIL_BYTES);
            if (follower != null) {
                return Reply.followed(tail.text(), follower.from(tail.end()));
            }
            return Reply.ok(withoutLastNewline(tail.text()));
        } catch (IOException e) {
            return Reply.error("cannot read the " + (stderr ? "stderr" : "stdout") + " file of " + request.target()
                    + ", " + file + ": " + e.getMessage());
        }
    }

    /** The configuration the child runs with; for one the table has none of, its file as it is now. */
    private Optional<ChildSpec> spec(String name) throws ConfigException {
        Optional<ChildSpec> running = supervisor.status().stream()
                .filter(status -> status.name().equals(name) && status.spec() != null)
                .map(ChildStatus::spec)
                .findFirst();
        return running.isPresent() ? running : config.child(name);
    }

    private static Optional<Integer> lines(Request request) {
        // --lines needs its value; the other options take none
        boolean malformed = request.options().stream()
                .anyMatch(option -> option.contains("=") != option.startsWith(LINES));
        if (malformed) {
            return Optional.empty();
        }
        Optional<String> written = request.options().stream()
                .filter(option -> option.startsWith(LINES + "="))
                .map(option -> option.substring(LINES.length() + 1))
                .reduce((first, last) -> last);
        if (written.isEmpty()) {
            return Optional.of(DEFAULT_LINES);
        }
        if (!written.get().matches("[0-9]{1,5}")) {
            return Optional.empty();
        }
        int lines = Integer.parseInt(written.get());
        return lines >= 1 && lines <= MAX_LINES ? Optional.of(lines) : Optional.empty();
    }

    /** A reply's text has no closing newline: the client adds one. */
    private static String withoutLastNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
