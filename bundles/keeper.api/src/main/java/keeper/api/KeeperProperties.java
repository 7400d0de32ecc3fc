package keeper.api;

/** Framework properties the launcher sets for the bundles, and the services it offers them. */
public final class KeeperProperties {

    /** Absolute path of the server.yml in use. */
    public static final String CONFIG = "keeper.config";

    /** Directory for state that outlives the server process: child table, default child logs. */
    public static final String STATE_DIR = "keeper.state";

    /** Root of the distribution (holds {@code system/}, {@code deploy/}, {@code etc/}). */
    public static final String DIST = "keeper.dist";

    /**
     * This server's id: random, created once in {@code <state>/server-id} and kept, so it names the
     * server across restarts. Signed requests name the server they are meant for with it.
     */
    public static final String SERVER_ID = "keeper.server.id";

    /** Keeper's version. */
    public static final String VERSION = "keeper.version";

    /**
     * An id of this server start, different for every start: what happened "at boot" (the startup run)
     * happens once per id, however often a bundle is updated or re-installed meanwhile.
     */
    public static final String BOOT_ID = "keeper.boot.id";

    /**
     * {@code true} or {@code false}: whether requests from untrusted transports must be signed, decided
     * from server.yml when the server started and in force until it stops. Editing server.yml and then
     * updating a bundle does not change it.
     */
    public static final String ENCRYPT = "keeper.encrypt";

    /**
     * Filter of a {@code java.util.function.Consumer<String>} service the launcher registers: a bundle
     * that finds the server cannot start (e.g. an invalid child file in full mode) hands it the reason,
     * and the launcher prints it and exits non-zero. Absent when the framework is not run by the launcher.
     */
    public static final String FATAL_SINK_FILTER = "(keeper.launcher=fatal)";

    private KeeperProperties() {
    }
}
