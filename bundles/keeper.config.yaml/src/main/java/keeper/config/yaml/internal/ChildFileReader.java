package keeper.config.yaml.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import keeper.api.AutoRestart;
import keeper.api.ChildSpec;
import keeper.api.ConfigException;
import keeper.api.LogRotation;
import keeper.api.Repeat;
import keeper.api.RunAs;

/** Reads one child file; see docs/config.md for the fields. */
final class ChildFileReader {

    private static final int DEFAULT_START_RETRIES = 3;
    private static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);
    /** A stop that needs more than a day is a typo, not a plan. */
    private static final BigDecimal MAX_STOP_TIMEOUT_SECONDS = BigDecimal.valueOf(86_400);
    /** A child must have run this long (a day) to count as started: more is a typo. */
    private static final long MAX_START_SECS = 86_400;
    private static final String SHELL = "/bin/sh";
    private static final Set<String> FIELDS = Stream.concat(Stream.of("command", "output", "repeat", "hooks",
            "autorestart", "startretries", "startsecs", "stop_timeout", "shell", "directory", "environment",
            "stdout_max_bytes", "stdout_backups", "stderr_max_bytes", "stderr_backups", "depends_on", "ready", "health",
            "max_memory"), RunAsFields.FIELDS.stream()).collect(Collectors.toUnmodifiableSet());
    private static final Set<String> REPEAT_FIELDS = Set.of("action", "seconds");
    private static final List<String> AUTORESTART = List.of("never", "on-failure", "on_failure", "always");

    private ChildFileReader() {
    }

    /**
     * A child file as read: the spec, and the line of each {@code depends_on} name (whether each names a child is
     * checked against the load paths as they are at each use, see {@link ConfigFiles}).
     */
    record ChildFile(ChildSpec spec, Map<String, Integer> dependencies) {
    }

    /** The child {@code name} described by {@code childFile}. */
    static ChildSpec read(String name, Path childFile) throws ConfigException {
        return readFile(name, childFile).spec();
    }

    static ChildFile readFile(String name, Path childFile) throws ConfigException {
        Path file = childFile.toAbsolutePath().normalize();
        Problems problems = new Problems(file);
        MappingNode root = YamlFile.load(file);
        Fields fields = new Fields(root, "", FIELDS, problems);
        Path base = file.getParent();
        String command = command(fields);
        boolean shell = fields.bool("shell", false);
        List<String> argv = command == null ? List.of() : argv(command, shell, fields);
        Path directory = directory(fields, base);
        Map<String, String> environment = environment(fields);
        Outputs outputs = Outputs.read(fields, base);
        Repeat repeat = repeat(fields);
        Hooks hooks = Hooks.read(fields);
        AutoRestart autoRestart = autoRestart(fields);
        int startRetries = (int) fields.wholeNumber("startretries", 0, Integer.MAX_VALUE, DEFAULT_START_RETRIES);
        Duration startSecs = Duration.ofSeconds(fields.wholeNumber("startsecs", 0, MAX_START_SECS,
                ChildSpec.DEFAULT_START_SECS.toSeconds()));
        Duration stopTimeout = stopTimeout(fields);
        LogRotation logRotation = LogRotations.read(fields);
        ProbesReader probes = ProbesReader.read(name, fields);
        RunAs runAs = RunAsFields.read(fields);
        problems.throwIfAny();
        return new ChildFile(new ChildSpec(name, file, command, argv, directory, environment, outputs.stdout(),
                outputs.stderr(), repeat, hooks.prehook(), hooks.posthook(), autoRestart, startRetries, stopTimeout,
                startSecs, logRotation, probes.probes(), runAs), probes.dependencies());
    }

    private static String command(Fields fields) {
        if (fields.get("command") == null) {
            fields.problem("command", "is required: the program to run, e.g. command: /usr/bin/myserver --port 8080");
        }
        return fields.nonBlankText("command");
    }

    private static List<String> argv(String command, boolean shell, Fields fields) {
        if (shell) {
            return List.of(SHELL, "-c", command);
        }
        try {
            List<String> argv = ArgvSplitter.split(command);
            if (argv.isEmpty() || argv.get(0).isEmpty()) {
                fields.problems().add(fields.get("command"), "command", "must start with the program to run, not an empty word");
            }
            return argv;
        } catch (IllegalArgumentException e) {
            fields.problems().add(fields.get("command"), "command", e.getMessage()
                    + " (quote like a shell: '...' is literal, \"...\" allows \\\" \\\\ \\$ \\`)");
            return List.of();
        }
    }

    private static Path directory(Fields fields, Path base) {
        String text = fields.nonBlankText("directory");
        return text == null ? null : RelativePaths.resolve(base, text, fields.get("directory"), "directory", fields.problems());
    }

    private static Map<String, String> environment(Fields fields) {
        MappingNode mapping = fields.get("environment") == null ? null
                : Values.mapping(fields.get("environment"), "environment", fields.problems());
        Map<String, String> environment = new LinkedHashMap<>();
        if (mapping == null) {
            return environment;
        }
        for (NodeTuple entry : mapping.getValue()) {
            String variable = ((ScalarNode) entry.getKeyNode()).getValue();
            String field = "environment." + variable;
            String value = Values.text(entry.getValueNode(), field, fields.problems());
            if (variable.isEmpty() || variable.indexOf('=') >= 0 || variable.indexOf('\0') >= 0) {
                fields.problems().add(entry.getKeyNode(), field, "a variable name must be non-empty, without '='");
            } else if (value != null && value.indexOf('\0') >= 0) {
                fields.problems().add(entry.getValueNode(), field, "a value cannot contain a NUL character");
            } else if (value != null) {
                environment.put(variable, value);
            }
        }
        return environment;
    }

    private static Repeat repeat(Fields fields) {
        Fields repeat = fields.mapping("repeat", REPEAT_FIELDS);
        if (repeat == null) {
            return null;
        }
        // the seed: an empty action means restart
        Node written = repeat.get("action");
        boolean empty = written instanceof ScalarNode scalar && scalar.getValue().isEmpty();
        String action = empty ? "restart" : repeat.oneOf("action", Hooks.COMMANDS, "restart");
        if (repeat.get("seconds") == null) {
            repeat.problem("seconds", "is required: how many seconds after a start the action runs");
            return null;
        }
        long seconds = repeat.wholeNumber("seconds", 1, Integer.MAX_VALUE, 0);
        return seconds > 0 ? new Repeat(action, seconds) : null;
    }

    private static AutoRestart autoRestart(Fields fields) {
        String word = fields.oneOf("autorestart", AUTORESTART, "never");
        return AutoRestart.valueOf(word.replace('-', '_').toUpperCase(Locale.ROOT));
    }

    private static Duration stopTimeout(Fields fields) {
        Node node = fields.get("stop_timeout");
        BigDecimal seconds = node == null ? null
                : Values.positiveNumber(node, "stop_timeout", MAX_STOP_TIMEOUT_SECONDS, fields.problems());
        if (seconds == null) {
            return DEFAULT_STOP_TIMEOUT;
        }
        return Duration.ofNanos(seconds.movePointRight(9).setScale(0, RoundingMode.CEILING).longValueExact());
    }
}
