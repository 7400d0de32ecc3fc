package keeper.command.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeSet;

import keeper.api.ChildSpec;
import keeper.api.HealthCheck;
import keeper.api.Output;
import keeper.api.Rotation;

/** One child's configuration as {@code info <child>} shows it. */
final class ChildSpecView {

    private ChildSpecView() {
    }

    /** @param stateDir the server's state directory, where streams without an output entry go */
    static String of(ChildSpec spec, Path stateDir) {
        return new TextTable("file:", String.valueOf(spec.file()))
                .row("command:", spec.command())
                .row("directory:", spec.directory() != null ? spec.directory() : "the child file's directory")
                .row("environment:", spec.environment().isEmpty() ? "inherited" : "inherited plus "
                        + String.join(", ", new TreeSet<>(spec.environment().keySet())))
                .row("stdout:", output(spec.stdout(), Output.defaultStdout(stateDir, spec.name())))
                .row("stderr:", output(spec.stderr(), Output.defaultStderr(stateDir, spec.name())))
                .row("rotation:", "stdout " + rotation(spec.logRotation().stdout()) + "; stderr "
                        + rotation(spec.logRotation().stderr()))
                .row("repeat:", spec.repeat() != null
                        ? spec.repeat().action() + " every " + spec.repeat().seconds() + " s" : "none")
                .row("prehook:", spec.prehook() != null ? spec.prehook() : "none")
                .row("posthook:", spec.posthook() != null ? spec.posthook() : "none")
                .row("autorestart:", spec.autoRestart().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .row("startretries:", spec.startRetries())
                .row("stoptimeout:", spec.stopTimeout().toMillis() + " ms")
                .row("stopsignal:", "SIG" + spec.runAs().stopSignal())
                .row("user:", spec.runAs().user() != null ? spec.runAs().user() : "the server's")
                .row("group:", spec.runAs().group() != null ? spec.runAs().group()
                        : spec.runAs().user() != null ? "the user's" : "the server's")
                .row("umask:", spec.runAs().umask() != null ? String.format("%03o", spec.runAs().umask()) : "the server's")
                .row("nofile:", spec.runAs().nofile() != null ? spec.runAs().nofile() : "the server's")
                .row("depends_on:", spec.probes().dependsOn().isEmpty() ? "none" : String.join(", ", spec.probes().dependsOn()))
                .row("ready:", spec.probes().ready() != null
                        ? spec.probes().ready() + " within " + spec.probes().ready().timeout().toMillis() + " ms"
                        : "once spawned")
                .row("health:", health(spec.probes().health()))
                .row("max_memory:", spec.probes().maxMemory() > 0 ? size(spec.probes().maxMemory()) : "none")
                .toString();
    }

    private static String health(HealthCheck health) {
        return health == null ? "none" : health.probe() + " every " + health.interval().toMillis() + " ms, timeout "
                + health.probe().timeout().toMillis() + " ms, restart after " + health.failures() + " failures";
    }

    /** {@code at 50MB, 10 backups}, or {@code never}, in the units the child file takes. */
    static String rotation(Rotation rotation) {
        return rotation.enabled() ? "at " + size(rotation.maxBytes()) + ", " + rotation.backups() + " backups" : "never";
    }

    private static String size(long bytes) {
        String[] units = { "GB", "MB", "KB" };
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (10 * (units.length - i));
            if (bytes % unit == 0) {
                return bytes / unit + units[i];
            }
        }
        return bytes + " bytes";
    }

    private static String output(Output configured, Output fallback) {
        if (configured == null) {
            return fallback.path() + " (append, the default)";
        }
        return configured.path() + (configured.append() ? " (append)" : " (create)");
    }
}
