package keeper.api;

import java.util.List;

/**
 * The facts of a {@link Refusal.Reason#HOOK_CHAIN} refusal: where the chain of hooks an operation sets off is
 * unsound. Nothing of the operation ran.
 *
 * @param problem  what is wrong
 * @param link     the hook at fault, or {@code null} for {@link Problem#TOO_LONG} and {@link Problem#CYCLE}
 * @param children {@link Problem#TOO_LONG}: the chain's first children; {@link Problem#CYCLE}: the loop, its first
 *                 child again at its end; otherwise empty
 * @param detail   {@link Problem#INVALID_CHILD_NAME}: the name, printable; {@link Problem#BROKEN_CHILD_FILE}: the
 *                 file's problems, or {@code null} when reading it failed unexpectedly; otherwise {@code null}
 */
public record HookFault(Problem problem, Link link, List<String> children, String detail) {

    /** The longest hook chain an operation may set off: each link runs nested in the one before. */
    public static final int MAX_LINKS = 64;

    public HookFault {
        children = List.copyOf(children);
    }

    public enum Problem {
        /** Longer than {@link #MAX_LINKS} links. */
        TOO_LONG,
        /** The hook's command word is none of start, restart, trystart, stop. */
        UNKNOWN_COMMAND,
        /** The hook names something that cannot be a child name. */
        INVALID_CHILD_NAME,
        /** No load path has the child the hook names. */
        UNKNOWN_CHILD,
        /** The file of the child the hook names is broken. */
        BROKEN_CHILD_FILE,
        /** The chain comes back to an operation it already holds, and would never end. */
        CYCLE
    }

    /**
     * One hook of the chain, e.g. the prehook {@code start db} of {@code web}.
     *
     * @param prehook whether it is its owner's prehook (run before a start) or its posthook (after a stop)
     * @param hook    the hook as configured
     * @param owner   the child whose hook it is
     */
    public record Link(boolean prehook, Hook hook, String owner) {
    }
}
