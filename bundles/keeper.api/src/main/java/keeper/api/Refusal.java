package keeper.api;

/**
 * Why the supervisor refused (part of) an operation.
 *
 * @param reason what kind of obstacle it met
 * @param detail the obstacle's own facts (a config error naming file and field, the OS error of a
 *               spawn, the hook that failed, the load paths searched, ...), or {@code null}
 * @param hookFault for {@link Reason#HOOK_CHAIN}: where the chain is unsound; otherwise {@code null}
 */
public record Refusal(Reason reason, String detail, HookFault hookFault) {

    public Refusal {
        if ((reason == Reason.HOOK_CHAIN) != (hookFault != null)) {
            throw new IllegalArgumentException("a hook fault goes with HOOK_CHAIN and only with it: " + reason);
        }
    }

    public Refusal(Reason reason, String detail) {
        this(reason, detail, null);
    }

    public enum Reason {
        /** The name cannot be a child name; detail: the name as given (control characters escaped), or empty. */
        INVALID_NAME,
        /** No load path has such a child; detail: the load paths searched, comma separated. */
        UNKNOWN_CHILD,
        /** server.yml cannot be read; detail: its problem. */
        SERVER_CONFIG,
        /**
         * The child's file (or the set of child files) is invalid; detail: the problems, or {@code null} when
         * reading it failed unexpectedly (a fault of the server, in its log).
         */
        INVALID_CONFIG,
        /** restart of a child that is not running. */
        NOT_RUNNING,
        /** The process could not be spawned; detail: why. */
        SPAWN_FAILED,
        /** The hook chain is unsound (a cycle, an unknown command or child); {@link Refusal#hookFault()}: where. */
        HOOK_CHAIN,
        /**
         * This (posthook) operation was not run: its owner's file is broken, so the hook it had is not
         * trusted; detail: the owner.
         */
        HOOK_SKIPPED,
        /** The hook ran and failed; detail: the hook ({@code start db}); its outcome is the last of the outcome's hooks. */
        HOOK_FAILED,
        /** The process outlived even SIGKILL; the outcome's stop says more. */
        STOP_FAILED,
        /** The child no longer runs as the pid a repeat timer was armed for; detail: that pid. */
        PID_CHANGED,
        /** Part of a {@code start all} that a {@code stop all} overtook: not started. */
        SUPERSEDED,
        /** The child's {@code depends_on} come back to it; detail: the loop, e.g. {@code web -> api -> web}. */
        DEPENDENCY_CYCLE,
        /** A {@code depends_on} names a child no load path has; detail: the path to it, e.g. {@code web -> ghost}. */
        UNKNOWN_DEPENDENCY,
        /**
         * A dependency could not be started or never became ready, so this child was not started; detail: the
         * dependency; its outcome is among the outcome's hooks.
         */
        DEPENDENCY_FAILED,
        /**
         * It was spawned but its {@code ready} probe never passed (or it exited first), up to {@code startretries}
         * times; detail: the last probe result.
         */
        NOT_READY,
        /** The supervisor is shutting down. */
        SHUTTING_DOWN
    }

    public static Refusal of(Reason reason, String detail) {
        return new Refusal(reason, detail);
    }

    public static Refusal of(HookFault fault) {
        return new Refusal(Reason.HOOK_CHAIN, null, fault);
    }
}
