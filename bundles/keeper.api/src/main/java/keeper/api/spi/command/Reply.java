package keeper.api.spi.command;

import keeper.api.Outcome;

/**
 * The answer to one request.
 *
 * @param ok   whether the request succeeded; a client exits non-zero when any host answers not ok
 * @param text what to show the person, possibly several lines
 */
public record Reply(boolean ok, String text) {
    public static Reply ok(String text) {
        return new Reply(true, text);
    }

    public static Reply error(String text) {
        return new Reply(false, text);
    }
}
