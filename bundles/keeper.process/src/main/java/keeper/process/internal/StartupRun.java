package keeper.process.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.Consumer;
import java.util.function.Supplier;

import keeper.api.ConfigException;
import keeper.api.ConfigSource;
import keeper.api.Outcome;
import keeper.api.ServerConfig;

/**
 * What the server starts when it boots, after server.yml's {@code mode}: nothing (quiet), the
 * {@code startup} children (half; a name without a child file is skipped with a warning), or every
 * child (full; one invalid child file and the server refuses to start, naming every bad file).
 */
final class StartupRun implements Runnable {

    private static final Logger LOG = System.getLogger(StartupRun.class.getName());

    private final ConfigSource config;
    private final Supplier<Outcome> startAll;
    private final Consumer<String> start;
    private final Consumer<String> fatal;

    /**
     * @param startAll starts every child of the load paths
     * @param start    starts one child and logs what happened
     * @param fatal    told why the server cannot run
     */
    StartupRun(ConfigSource config, Supplier<Outcome> startAll, Consumer<String> start, Consumer<String> fatal) {
        this.config = config;
        this.startAll = startAll;
        this.start = start;
        this.fatal = fatal;
    }

    @Override
    public void run() {
        ServerConfig server;
        try {
            server = config.server();
        } catch (ConfigException e) {
            fatal.accept("invalid server config:\n" + e.getMessage());
            return;
        }
        switch (server.mode()) {
            case QUIET -> LOG.log(Level.INFO, "quiet mode: no child started with the server");
            case HALF -> server.startup().forEach(start);
            case FULL -> startEverything();
        }
    }

    private void startEverything() {
        try {
            config.allChildren();
        } catch (ConfigException e) {
            fatal.accept("full mode: these child files are invalid:\n" + e.getMessage());
            return;
        }
        Outcome outcome = startAll.get();
        LOG.log(outcome.satisfied() ? Level.INFO : Level.WARNING, "full mode startup: {0}", outcome);
    }
}
