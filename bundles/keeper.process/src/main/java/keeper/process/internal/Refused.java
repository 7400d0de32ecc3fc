package keeper.process.internal;

import keeper.api.Refusal;

/** A lookup that cannot go on, and why. */
final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Refusal refusal;

    Refused(Refusal.Reason reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.refusal = Refusal.of(reason, detail);
    }

    Refusal refusal() {
        return refusal;
    }
}
