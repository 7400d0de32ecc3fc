package keeper.process.internal;

import keeper.api.HookFault;
import keeper.api.Refusal;

/** A lookup that cannot go on, and why. */
final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Refusal refusal;

    Refused(Refusal.Reason reason, String detail) {
        this(Refusal.of(reason, detail));
    }

    Refused(HookFault fault) {
        this(Refusal.of(fault));
    }

    private Refused(Refusal refusal) {
        super(refusal.toString(), null, false, false);
        this.refusal = refusal;
    }

    Refusal refusal() {
        return refusal;
    }
}
