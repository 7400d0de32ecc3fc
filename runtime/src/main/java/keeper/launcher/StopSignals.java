package keeper.launcher;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT stop the framework in order and let {@code main} return 0. A plain shutdown
 * hook cannot do that: the JVM would still exit with 143, which service managers read as a failure.
 */
final class StopSignals {

    private StopSignals() {
    }

    static void install(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> stop.run());
        }
    }
}
