package keeper.api;

/** Which children a server starts when it boots (server.yml {@code mode}). */
public enum StartupMode {
    /** Start nothing; children are started by commands. The default. */
    QUIET,
    /** Start the children named in {@code startup}; names with no child file are skipped. */
    HALF,
    /** Start every child found in the load paths; any invalid child file stops the server from starting. */
    FULL
}
