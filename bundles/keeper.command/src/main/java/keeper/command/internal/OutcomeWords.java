package keeper.command.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import keeper.api.Outcome.Action;
import keeper.api.Outcome;
import keeper.api.Refusal;
import keeper.api.StopResult;
import keeper.api.spi.command.Reply;

/**
 * The one place the supervisor's {@link Outcome}s become words for people: a line per child acted
 * on, hooks in the order they ran (a prehook's lines before its child's, a posthook's after).
 */
final class OutcomeWords {

    private OutcomeWords() {
    }

    /** Ok only when it did what was asked: an ALREADY (start of a running child) is answered as an error. */
    static Reply reply(Outcome outcome) {
        return new Reply(outcome.ok(), text(outcome));
    }

    static String text(Outcome outcome) {
        String text = switch (outcome.action()) {
            case START_ALL, STOP_ALL -> all(outcome);
            default -> one(outcome);
        };
        return outcome.unrecorded() == null ? text : text + "\nwarning: the running children could not be recorded ("
                + outcome.unrecorded() + "); a restarted server finds them by their marks in /proc only";
    }

    private static String all(Outcome outcome) {
        if (outcome.refusal() != null) {
            return outcome.refusal().reason() == Refusal.Reason.INVALID_CONFIG
                    ? "cannot list the children: " + outcome.refusal().detail()
                    : refusal(outcome);
        }
        if (outcome.children().isEmpty()) {
            return outcome.action() == Action.START_ALL ? "no child file in the load paths" : "no child was running";
        }
        return outcome.children().stream().map(OutcomeWords::text).collect(Collectors.joining("\n"));
    }

    private static String one(Outcome outcome) {
        List<String> lines = new ArrayList<>();
        boolean hookFailed = outcome.refusal() != null && outcome.refusal().reason() == Refusal.Reason.HOOK_FAILED;
        if (outcome.action() != Action.STOP && !hookFailed) {
            outcome.hooks().forEach(hook -> lines.add(text(hook)));
        }
        if (outcome.stop() != null) {
            lines.add(stopped(outcome.child(), outcome.stop()));
        }
        switch (outcome.kind()) {
            case DONE -> {
                if (outcome.action() != Action.STOP) {
                    lines.add(started(outcome));
                }
            }
            case ALREADY -> lines.add(outcome.action() == Action.STOP
                    ? outcome.child() + " is not running"
                    : outcome.child() + " is already running (pid " + outcome.pid() + ")");
            case REFUSED -> {
                if (outcome.refusal().reason() != Refusal.Reason.STOP_FAILED) {
                    lines.add(refusal(outcome));
                }
            }
        }
        if (outcome.action() == Action.STOP && !hookFailed) {
            outcome.hooks().forEach(hook -> lines.add(text(hook)));
        }
        return String.join("\n", lines);
    }

    private static String started(Outcome outcome) {
        String name = outcome.child();
        return switch (outcome.action()) {
            case RESTART -> name + " restarted (pid " + outcome.pid() + ")";
            case TRYSTART -> outcome.stop() != null
                    ? name + " restarted (pid " + outcome.pid() + ") by trystart: it was running"
                    : name + " started (pid " + outcome.pid() + ") by trystart: it was not running";
            default -> name + " started (pid " + outcome.pid() + ")";
        };
    }

    private static String stopped(String name, StopResult stop) {
        String signal = "SIG" + stop.stopSignal().name();
        return switch (stop.end()) {
            case TERMINATED -> stop.survivors().isEmpty()
                    ? name + " stopped (pid " + stop.pid() + ", " + signal + ", " + format(stop.elapsed()) + ")"
                            + leftovers(stop.leftovers(), signal)
                    : name + " stopped (pid " + stop.pid() + "), but " + pids(stop.survivors()) + " outlived SIGKILL";
            case KILLED_AFTER_TIMEOUT -> name + " killed (pid " + stop.pid() + "): no exit " + format(stop.timeout())
                    + " after " + signal + ", sent SIGKILL";
            case RESTART_CANCELLED -> name + " stopped: it was waiting to restart after it exited ("
                    + exit(stop.exitCode()) + "); the restart is cancelled";
            case SURVIVED_KILL -> name + " (pid " + stop.pid() + ") did not exit even after SIGKILL ("
                    + format(stop.elapsed()) + " after " + signal + ")"
                    + (stop.survivors().isEmpty() ? "" : " (nor did " + pids(stop.survivors()) + ")");
        };
    }

    /** e.g. {@code pids 12, 13} */
    private static String pids(List<Long> pids) {
        return (pids.size() == 1 ? "pid " : "pids ") + pids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String refusal(Outcome outcome) {
        String name = outcome.child();
        String detail = outcome.refusal().detail();
        return switch (outcome.refusal().reason()) {
            case INVALID_NAME -> notAName(detail);
            case UNKNOWN_CHILD -> "no child named '" + name + "' in the load paths (" + detail + ")";
            case SERVER_CONFIG -> "no child named '" + name + "' found, and the server config cannot be read: " + detail;
            case INVALID_CONFIG -> outcome.pid() > 0
                    ? name + " not restarted: its file is broken, so the running process (pid "
                            + outcome.pid() + ") was left alone: " + fileProblems(name, detail)
                    : fileProblems(name, detail);
            case NOT_RUNNING -> name + " is not running; use 'start " + name + "'";
            case SPAWN_FAILED -> name + (outcome.stop() != null ? " not started again: " : " not started: ") + detail;
            case HOOK_CHAIN -> name + " not " + pastTense(outcome.action()) + ": "
                    + HookFaultWords.of(outcome.refusal().hookFault());
            case HOOK_FAILED -> hookFailed(outcome);
            case HOOK_SKIPPED -> "posthook '" + outcome.action().name().toLowerCase(Locale.ROOT) + " " + name + "' of "
                    + detail + " not run: the child's file is broken";
            case STOP_FAILED -> name + " could not be stopped";
            case PID_CHANGED -> name + " no longer runs as pid " + detail;
            case SUPERSEDED -> name + " not started: a stop all arrived during the start all";
            case DEPENDENCY_CYCLE -> (name == null ? "nothing started" : name + " not started")
                    + ": depends_on goes round in a circle: " + detail;
            case UNKNOWN_DEPENDENCY -> (name == null ? "nothing started" : name + " not started")
                    + ": depends_on names a child no load path has: " + detail;
            case DEPENDENCY_FAILED -> name + " not started: it depends on " + detail + ", which is not ready";
            case NOT_READY -> name + " never became ready: " + detail;
            case SHUTTING_DOWN -> "the supervisor is shutting down";
        };
    }

    /** The name-rule, for a name given on a command line or in a hook. */
    static String notAName(String printable) {
        return printable == null || printable.isEmpty()
                ? "no child name given"
                : "'" + printable + "' is not a child name: use 1 to 64 letters, digits, '_' or '-',"
                        + " starting with a letter or digit";
    }

    /** A child file's problems; none when reading it failed unexpectedly (the server's log has why). */
    static String fileProblems(String child, String problems) {
        return problems != null ? problems
                : "the file of " + child + " could not be read (an error of the server: its log says more)";
    }

    /** e.g. {@code web not started: prehook 'start db' of web failed: db not started: ...} */
    private static String hookFailed(Outcome outcome) {
        String hook = outcome.hooks().isEmpty() ? "" : text(outcome.hooks().get(outcome.hooks().size() - 1));
        if (outcome.action() == Action.STOP) {
            return "posthook '" + outcome.refusal().detail() + "' of " + outcome.child() + " failed: " + hook;
        }
        return outcome.child() + " not " + pastTense(outcome.action()) + ": prehook '" + outcome.refusal().detail()
                + "' of " + outcome.child() + " failed: " + hook;
    }

    private static String pastTense(Action action) {
        return switch (action) {
            case RESTART -> "restarted";
            case STOP -> "stopped";
            default -> "started";
        };
    }

    private static String exit(Integer code) {
        return code == null ? "exit status unknown" : "exit code " + code;
    }

    private static String leftovers(int count, String signal) {
        return switch (count) {
            case 0 -> "";
            case 1 -> "; 1 leftover process ignored " + signal + " and was killed";
            default -> "; " + count + " leftover processes ignored " + signal + " and were killed";
        };
    }

    /** Durations as people read them: {@code 15 ms}, {@code 10 s}, {@code 1.5 s}. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
