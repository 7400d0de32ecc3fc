package keeper.process.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import keeper.api.AutoRestart;
import keeper.api.ChildSpec;
import keeper.api.LogRotation;
import keeper.api.Hook;
import keeper.api.Output;
import keeper.api.Probes;
import keeper.api.Repeat;
import keeper.api.RunAs;

/** A child file's content for tests, with the defaults the YAML reader gives. */
final class SpecBuilder {

    private final Path loadPath;
    private final String name;
    private List<String> argv;
    private Output stdout;
    private Output stderr;
    private Map<String, String> environment = Map.of();
    private Repeat repeat;
    private Hook prehook;
    private Hook posthook;
    private AutoRestart autoRestart = AutoRestart.NEVER;
    private int startRetries = 3;
    private Duration stopTimeout = Duration.ofSeconds(10);
    private Duration startSecs = ChildSpec.DEFAULT_START_SECS;
    private LogRotation logRotation = LogRotation.DEFAULT;
    private Probes probes = Probes.NONE;
    private RunAs runAs = RunAs.DEFAULT;

    private SpecBuilder(Path loadPath, String name, List<String> argv) {
        this.loadPath = loadPath;
        this.name = name;
        this.argv = argv;
    }

    static SpecBuilder child(MapConfig config, String name, String... argv) {
        return new SpecBuilder(config.loadPath(), name, List.of(argv));
    }

    /** A child running {@code script} under {@code sh -c}. */
    static SpecBuilder shell(MapConfig config, String name, String script) {
        return child(config, name, "sh", "-c", script);
    }

    static SpecBuilder sleeper(MapConfig config, String name) {
        return child(config, name, "sleep", "300");
    }

    SpecBuilder stdout(Path file, boolean append) {
        stdout = new Output(file, append);
        return this;
    }

    SpecBuilder stderr(Path file, boolean append) {
        stderr = new Output(file, append);
        return this;
    }

    SpecBuilder environment(Map<String, String> variables) {
        environment = variables;
        return this;
    }

    SpecBuilder repeat(String action, long seconds) {
        repeat = new Repeat(action, seconds);
        return this;
    }

    SpecBuilder prehook(String command, String child) {
        prehook = new Hook(command, child);
        return this;
    }

    SpecBuilder posthook(String command, String child) {
        posthook = new Hook(command, child);
        return this;
    }

    SpecBuilder autoRestart(AutoRestart mode, int retries) {
        autoRestart = mode;
        startRetries = retries;
        return this;
    }

    SpecBuilder stopTimeout(Duration timeout) {
        stopTimeout = timeout;
        return this;
    }

    SpecBuilder startSecs(Duration minimum) {
        startSecs = minimum;
        return this;
    }

    SpecBuilder logRotation(LogRotation rotation) {
        logRotation = rotation;
        return this;
    }

    SpecBuilder probes(Probes set) {
        probes = set;
        return this;
    }

    SpecBuilder dependsOn(String... names) {
        probes = new Probes(List.of(names), probes.ready(), probes.health(), probes.maxMemory());
        return this;
    }

    SpecBuilder runAs(RunAs settings) {
        runAs = settings;
        return this;
    }

    ChildSpec build() {
        return new ChildSpec(name, loadPath.resolve(name + ".yml"), String.join(" ", argv), argv, null, environment,
                stdout, stderr, repeat, prehook, posthook, autoRestart, startRetries, stopTimeout, startSecs,
                logRotation, probes, runAs);
    }
}
