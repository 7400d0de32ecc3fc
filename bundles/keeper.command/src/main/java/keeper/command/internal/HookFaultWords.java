package keeper.command.internal;

import keeper.api.HookFault;

/** A {@link HookFault} in words, e.g. {@code prehook 'start db' of web: no child named 'db' in the load paths}. */
final class HookFaultWords {

    private HookFaultWords() {
    }

    static String of(HookFault fault) {
        return switch (fault.problem()) {
            case TOO_LONG -> "its hook chain is longer than " + HookFault.MAX_LINKS + " links ("
                    + String.join(" -> ", fault.children()) + " -> ...); shorten it";
            case CYCLE -> "hook cycle: " + String.join(" -> ", fault.children());
            case UNKNOWN_COMMAND -> link(fault) + ": unknown command '" + fault.link().hook().command() + "'";
            case INVALID_CHILD_NAME -> link(fault) + ": " + OutcomeWords.notAName(fault.detail());
            case UNKNOWN_CHILD -> link(fault) + ": no child named '" + fault.link().hook().child()
                    + "' in the load paths";
            case BROKEN_CHILD_FILE -> link(fault) + ": "
                    + OutcomeWords.fileProblems(fault.link().hook().child(), fault.detail());
        };
    }

    /** e.g. {@code prehook 'start db' of web} */
    private static String link(HookFault fault) {
        HookFault.Link link = fault.link();
        return (link.prehook() ? "prehook" : "posthook") + " '" + link.hook() + "' of " + link.owner();
    }
}
