package keeper.command.internal;

import java.util.Locale;
import java.util.TreeSet;

import keeper.api.ChildSpec;
import keeper.api.Output;

/** One child's configuration as {@code info <child>} shows it. */
final class ChildSpecView {

    private ChildSpecView() {
    }

    static String of(ChildSpec spec) {
        return new TextTable("file:", String.valueOf(spec.file()))
                .row("command:", spec.command())
                .row("directory:", spec.directory() != null ? spec.directory() : "the child file's directory")
                .row("environment:", spec.environment().isEmpty() ? "inherited" : "inherited plus "
                        + String.join(", ", new TreeSet<>(spec.environment().keySet())))
                .row("stdout:", output(spec.stdout()))
                .row("stderr:", output(spec.stderr()))
                .row("repeat:", spec.repeat() != null
                        ? spec.repeat().action() + " every " + spec.repeat().seconds() + " s" : "none")
                .row("prehook:", spec.prehook() != null ? spec.prehook() : "none")
                .row("posthook:", spec.posthook() != null ? spec.posthook() : "none")
                .row("autorestart:", spec.autoRestart().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .row("startretries:", spec.startRetries())
                .row("stoptimeout:", spec.stopTimeout().toMillis() + " ms")
                .toString();
    }

    private static String output(Output output) {
        if (output == null) {
            return "the default log file";
        }
        return output.path() + (output.append() ? " (append)" : " (create)");
    }
}
