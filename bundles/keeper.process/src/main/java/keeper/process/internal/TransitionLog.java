package keeper.process.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import java.util.Locale;

import keeper.api.ChildState;
import keeper.api.Health;

/**
 * The server log's view of the transitions: what happened without a command asking (exits,
 * restarts, re-adoption) at INFO, giving up at WARNING, the steps of commands at DEBUG (their
 * requester hears of them in the reply).
 */
final class TransitionLog {

    private static final Logger LOG = System.getLogger(TransitionLog.class.getName());

    private TransitionLog() {
    }

    static void log(Transition transition) {
        Level level = levelOf(transition);
        if (LOG.isLoggable(level)) {
            LOG.log(level, "{0} {1} -> {2} (pid {3,number,#}): {4}", transition.name(), transition.previous(),
                    transition.state(), transition.pid(), transition.reason());
        }
    }

    /** A child became ready or healthy (INFO), or unhealthy (WARNING). */
    static void log(HealthChange change) {
        Level level = change.health().condition() == Health.Condition.UNHEALTHY ? Level.WARNING : Level.INFO;
        LOG.log(level, "{0} {1} (pid {2,number,#}): {3}", change.name(),
                change.health().condition().name().toLowerCase(Locale.ROOT), change.pid(), change.health().detail());
    }

    private static Level levelOf(Transition transition) {
        if (transition.state() == ChildState.FATAL) {
            return Level.WARNING;
        }
        boolean unasked = transition.state() == ChildState.EXITED || transition.state() == ChildState.BACKOFF
                || transition.previous() == ChildState.STOPPED && transition.state() == ChildState.RUNNING
                || transition.previous() == ChildState.STARTING && transition.reason().startsWith("restarted");
        return unasked ? Level.INFO : Level.DEBUG;
    }
}
