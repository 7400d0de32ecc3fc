package keeper.api;

/**
 * Who a child runs as and what it inherits from its spawn besides its config: the user and group switch,
 * the umask, the open-files limit, and the signal that asks it to stop.
 *
 * @param user       the user to run as (a name or a number), or {@code null} for the server's own
 * @param group      the group to run as (a name or a number), or {@code null} for the user's primary group
 *                   (the server's own when no user is set either)
 * @param umask      the file mode creation mask (0 to 0777), or {@code null} to inherit the server's
 * @param nofile     the open-files limit, soft and hard alike, or {@code null} to inherit the server's
 * @param stopSignal the signal a stop sends first (SIGKILL still follows at the stop timeout)
 */
public record RunAs(String user, String group, Integer umask, Long nofile, StopSignal stopSignal) {

    /** The signals a child may ask to be stopped with. */
    public enum StopSignal {
        TERM, INT, QUIT, HUP, KILL, USR1, USR2
    }

    /** The server's user, group, umask and limits, and SIGTERM to stop: what a child file without these fields gets. */
    public static final RunAs DEFAULT = new RunAs(null, null, null, null, StopSignal.TERM);

    public RunAs {
        stopSignal = stopSignal == null ? StopSignal.TERM : stopSignal;
    }

    /** Whether a user or a group switch is asked for. */
    public boolean switchesIdentity() {
        return user != null || group != null;
    }
}
