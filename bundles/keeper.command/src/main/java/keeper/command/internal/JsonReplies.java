package keeper.command.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import keeper.api.ChildSpec;
import keeper.api.ChildStatus;
import keeper.api.ConfigException;
import keeper.api.ConfigProblem;
import keeper.api.ConfigSource;
import keeper.api.Health;
import keeper.api.Output;
import keeper.api.Probe;
import keeper.api.spi.command.Reply;
import keeper.api.spi.command.Request;
import keeper.protocol.Json;
import keeper.protocol.JsonArray;
import keeper.protocol.JsonObject;

/**
 * The {@code --json} form of status, check and info: the same facts as their tables, as one JSON object with
 * stable snake_case names (documented in docs/client.md), rendered by {@link Json}. A failed request's
 * document has an {@code error} member with the same words the text reply gives.
 */
final class JsonReplies {

    /** The option that asks for a JSON document instead of a table. */
    static final String OPTION = "--json";

    private JsonReplies() {
    }

    static boolean wanted(Request request) {
        return request.hasOption(OPTION);
    }

    static Reply ok(JsonObject document) {
        return Reply.ok(document.toString());
    }

    /** {@code reply}'s words as the {@code error} member of {@code document}, or the document when it is ok. */
    static Reply of(JsonObject document, Reply reply) {
        return reply.ok() ? ok(document) : Reply.error(document.put("error", reply.text()).toString());
    }

    static Reply error(String message) {
        return Reply.error(Json.object().put("error", message).toString());
    }

    /** One child as status and check give it; {@code uptime_ms} is there while a process is alive. */
    static JsonObject child(ChildStatus child, Instant now) {
        boolean alive = child.state().isAlive() && child.startedAt() != null;
        return Json.object()
                .put("name", child.name())
                .put("state", child.state().name().toLowerCase(Locale.ROOT))
                .put("pid", child.pid() > 0 ? child.pid() : null)
                .put("started_at", child.startedAt() != null ? child.startedAt().toString() : null)
                .put("uptime_ms", alive ? millisBetween(child.startedAt(), now) : null)
                .put("restarts", child.restarts())
                .put("exit_code", child.exitCode())
                .put("health", health(child.health()));
    }

    /** What the probes last said, or null when nothing is checked (see docs/client.md). */
    static JsonObject health(Health health) {
        if (health.condition() == Health.Condition.NONE && health.detail() == null) {
            return null;
        }
        return Json.object()
                .put("condition", health.condition().name().toLowerCase(Locale.ROOT))
                .put("detail", health.detail())
                .put("checked_at", health.checkedAt() != null ? health.checkedAt().toString() : null)
                .put("failures", health.failures());
    }

    static JsonArray children(List<ChildStatus> children, Instant now) {
        JsonArray array = Json.array();
        children.forEach(child -> array.add(child(child, now)));
        return array;
    }

    /** Every problem of every child file, one object each; none when the child files cannot be listed. */
    static JsonArray problems(ConfigSource config) {
        JsonArray array = Json.array();
        List<ConfigProblem> problems;
        try {
            problems = config.childProblems();
        } catch (ConfigException e) {
            return array;
        }
        problems.forEach(problem -> array.add(Json.object()
                .put("file", String.valueOf(problem.file()))
                .put("line", problem.line() > 0 ? problem.line() : null)
                .put("field", problem.field())
                .put("message", problem.message())));
        return array;
    }

    /** One child's configuration, as {@code info <child>} gives it: the child file's field names, durations in ms. */
    static JsonObject spec(ChildSpec spec, Path stateDir) {
        return Json.object()
                .put("name", spec.name())
                .put("file", String.valueOf(spec.file()))
                .put("command", spec.command())
                .put("directory", spec.directory() != null ? spec.directory().toString() : null)
                // names only: values are often secrets
                .put("environment", List.copyOf(new TreeSet<>(spec.environment().keySet())))
                .put("stdout", output(spec.stdout(), Output.defaultStdout(stateDir, spec.name()))
                        .put("max_bytes", spec.logRotation().stdout().maxBytes())
                        .put("backups", spec.logRotation().stdout().backups()))
                .put("stderr", output(spec.stderr(), Output.defaultStderr(stateDir, spec.name()))
                        .put("max_bytes", spec.logRotation().stderr().maxBytes())
                        .put("backups", spec.logRotation().stderr().backups()))
                .put("repeat", spec.repeat() != null
                        ? Json.object().put("action", spec.repeat().action()).put("seconds", spec.repeat().seconds()) : null)
                .put("prehook", spec.prehook() != null ? spec.prehook().toString() : null)
                .put("posthook", spec.posthook() != null ? spec.posthook().toString() : null)
                .put("autorestart", spec.autoRestart().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .put("startretries", spec.startRetries())
                .put("startsecs_ms", spec.startSecs().toMillis())
                .put("stop_timeout_ms", spec.stopTimeout().toMillis())
                .put("stopsignal", spec.runAs().stopSignal().name())
                .put("user", spec.runAs().user())
                .put("group", spec.runAs().group())
                .put("umask", spec.runAs().umask() != null ? String.format("%03o", spec.runAs().umask()) : null)
                .put("nofile", spec.runAs().nofile())
                .put("depends_on", spec.probes().dependsOn())
                .put("ready", probe(spec.probes().ready()))
                .put("health", spec.probes().health() == null ? null : probe(spec.probes().health().probe())
                        .put("interval_ms", spec.probes().health().interval().toMillis())
                        .put("failures", spec.probes().health().failures()))
                .put("max_memory_bytes", spec.probes().maxMemory() > 0 ? spec.probes().maxMemory() : null);
    }

    private static JsonObject probe(Probe probe) {
        return probe == null ? null : Json.object()
                .put("kind", probe.kind().name().toLowerCase(Locale.ROOT))
                .put("target", probe.target())
                .put("timeout_ms", probe.timeout().toMillis());
    }

    private static JsonObject output(Output configured, Output fallback) {
        Output shown = configured != null ? configured : fallback;
        return Json.object().put("path", shown.path().toString()).put("append", shown.append())
                .put("default", configured == null);
    }

    static long millisBetween(Instant since, Instant now) {
        return Math.max(0, Duration.between(since, now).toMillis());
    }
}
