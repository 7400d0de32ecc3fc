package keeper.launcher;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.Consumer;

import sun.misc.Signal;

/**
 * What the server does on a signal. SIGTERM and SIGINT stop the framework in order and let {@code main}
 * return 0 (a plain shutdown hook cannot: the JVM would still exit with 143, which service managers read
 * as a failure). SIGHUP asks for a reload, which is logged; without a handler it would stop the JVM
 * (exit 129) without a word. A signal the server was started with ignored (e.g. SIGHUP under nohup) stays
 * ignored.
 */
final class ServerSignals {

    private static final Logger LOG = System.getLogger(ServerSignals.class.getName());

    private ServerSignals() {
    }

    /** @param stop takes the signal's name (SIGTERM, SIGINT); {@code reload} the same for SIGHUP */
    static void install(Consumer<String> stop, Consumer<String> reload) {
        handle("TERM", stop);
        handle("INT", stop);
        handle("HUP", reload);
    }

    private static void handle(String name, Consumer<String> action) {
        try {
            Signal.handle(new Signal(name), signal -> action.accept("SIG" + signal.getName()));
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "cannot handle SIG{0}: {1}", name, e.getMessage());
        }
    }
}
