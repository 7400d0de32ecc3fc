package keeper.process.internal;

import keeper.api.Outcome;

/**
 * What one operation did, with one distinction {@link Outcome} lacks: a child that was already in
 * the state asked for (start of a running child, stop of a stopped one). A hook asking for that
 * state is satisfied by it; the person who asked still gets a refusal.
 */
record Result(Kind kind, String message) {

    enum Kind { DONE, ALREADY, REFUSED }

    static Result done(String message) {
        return new Result(Kind.DONE, message);
    }

    static Result already(String message) {
        return new Result(Kind.ALREADY, message);
    }

    static Result refused(String message) {
        return new Result(Kind.REFUSED, message);
    }

    boolean ok() {
        return kind == Kind.DONE;
    }

    /** Whether a hook asking for this operation got what it needs. */
    boolean satisfied() {
        return kind != Kind.REFUSED;
    }

    /** This result with {@code earlier} lines (e.g. what the hooks did) before its own. */
    Result after(String earlier) {
        return earlier.isEmpty() ? this : new Result(kind, earlier + "\n" + message);
    }

    Outcome toOutcome() {
        return new Outcome(ok(), message);
    }
}
