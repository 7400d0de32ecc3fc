package keeper.command.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeSet;

import keeper.api.ChildSpec;
import keeper.api.Output;

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
                .toString();
    }

    private static String output(Output configured, Output fallback) {
        if (configured == null) {
            return fallback.path() + " (append, the default)";
        }
        return configured.path() + (configured.append() ? " (append)" : " (create)");
    }
}
