package keeper.api;

import java.util.List;

/**
 * What one supervisor operation did, as facts. Front ends (the command bundle, the shell) turn it
 * into words; the engine never does.
 *
 * @param kind     whether it acted, found the child already as asked, or refused
 * @param action   the operation asked for
 * @param child    the child acted on, or {@code null} for {@link Action#START_ALL} and {@link Action#STOP_ALL}
 * @param pid      the process now running after a start or restart (or already running, for
 *                 {@link Kind#ALREADY}, or left running by a restart refused for a broken file); 0 when none
 * @param stop     how the child's previous process was stopped (stop, restart, trystart of a running
 *                 child), or {@code null} when none was
 * @param refusal  why nothing (more) was done, or {@code null} unless {@code kind} is REFUSED
 * @param hooks    what the dependencies ({@code depends_on}, started first) and the prehook (before a start) or
 *                 posthook (after a stop) did, in the order run
 * @param children one outcome per child of an {@code *_ALL} operation, in name order
 * @param unrecorded why the state file could not record what runs now (a restarted server then finds the
 *                 children by their marks in /proc only), or {@code null} when it did
 */
public record Outcome(Kind kind, Action action, String child, long pid, StopResult stop, Refusal refusal,
        List<Outcome> hooks, List<Outcome> children, String unrecorded) {

    public enum Kind {
        /** It did what was asked. */
        DONE,
        /** The child already was as asked (start of a running child, stop of a stopped one); nothing was done. */
        ALREADY,
        /** It could not do (all of) what was asked; {@link Outcome#refusal()} says why. */
        REFUSED
    }

    public enum Action { START, RESTART, TRYSTART, STOP, START_ALL, STOP_ALL }

    public Outcome {
        hooks = hooks == null ? List.of() : List.copyOf(hooks);
        children = children == null ? List.of() : List.copyOf(children);
    }

    public static Outcome done(Action action, String child, long pid, StopResult stop) {
        return new Outcome(Kind.DONE, action, child, pid, stop, null, List.of(), List.of(), null);
    }

    public static Outcome already(Action action, String child, long pid) {
        return new Outcome(Kind.ALREADY, action, child, pid, null, null, List.of(), List.of(), null);
    }

    public static Outcome refused(Action action, String child, Refusal refusal) {
        return new Outcome(Kind.REFUSED, action, child, 0, null, refusal, List.of(), List.of(), null);
    }

    /** The outcome of an operation on many children: REFUSED when any of them was, else DONE. */
    public static Outcome ofAll(Action action, List<Outcome> children) {
        boolean refused = children.stream().anyMatch(outcome -> outcome.kind() == Kind.REFUSED);
        return new Outcome(refused ? Kind.REFUSED : Kind.DONE, action, null, 0, null, null, List.of(), children, null);
    }

    /** Whether it did what was asked (an ALREADY is not: the person asked for a change that did not happen). */
    public boolean ok() {
        return kind == Kind.DONE;
    }

    /** Whether the child ended up as asked, done now or already: what a hook needs. */
    public boolean satisfied() {
        return kind != Kind.REFUSED;
    }

    public Outcome withHooks(List<Outcome> ran) {
        return new Outcome(kind, action, child, pid, stop, refusal, ran, children, unrecorded);
    }

    public Outcome withStop(StopResult stopped) {
        return new Outcome(kind, action, child, pid, stopped, refusal, hooks, children, unrecorded);
    }

    public Outcome withUnrecorded(String problem) {
        return new Outcome(kind, action, child, pid, stop, refusal, hooks, children, problem);
    }

    /** A compact form for logs, e.g. {@code DONE START web pid 42}; people get words from the command bundle. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(kind).append(' ').append(action);
        if (child != null) {
            text.append(' ').append(child);
        }
        if (pid > 0) {
            text.append(" pid ").append(pid);
        }
        if (stop != null) {
            text.append(" stopped ").append(stop.pid()).append(' ').append(stop.end()).append(" exit ")
                    .append(stop.exitCode());
        }
        if (refusal != null) {
            text.append(' ').append(refusal.reason());
            if (refusal.detail() != null) {
                text.append(": ").append(refusal.detail());
            }
        }
        if (!hooks.isEmpty()) {
            text.append(" hooks ").append(hooks);
        }
        if (!children.isEmpty()) {
            text.append(' ').append(children);
        }
        if (unrecorded != null) {
            text.append(" (not recorded: ").append(unrecorded).append(')');
        }
        return text.toString();
    }
}
