package keeper.api.spi.command;

import keeper.api.Outcome;

/**
 * The answer to one request.
 *
 * @param ok   whether the request succeeded; a client exits non-zero when any host answers not ok
 * @param text what to show the person, possibly several lines
 * @param feed the rest of a reply that goes on after {@code text} (see {@link ReplyFeed}), or {@code null} for a
 *             reply that is complete; a front end that cannot send more closes it and says so
 */
public record Reply(boolean ok, String text, ReplyFeed feed) {

    /** A complete reply. */
    public Reply(boolean ok, String text) {
        this(ok, text, null);
    }

    /** A reply whose {@code text} is followed by whatever {@code feed} gives, until the peer hangs up. */
    public static Reply followed(String text, ReplyFeed feed) {
        return new Reply(true, text, feed);
    }

    public static Reply ok(String text) {
        return new Reply(true, text);
    }

    public static Reply error(String text) {
        return new Reply(false, text);
    }
}
