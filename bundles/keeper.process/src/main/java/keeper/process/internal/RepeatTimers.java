package keeper.process.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import keeper.api.Repeat;

/**
 * Timers of {@code repeat}. A timer remembers the pid it was armed for: when it fires, the action
 * runs only if the child still runs as that pid (a child stopped or restarted meanwhile is not the
 * child the timer was meant for) and only if the child's config, read again then, still has
 * {@code repeat}, so deleting the block ends the cycle.
 */
final class RepeatTimers {

    /** What a due timer asks for; the receiver checks the pid and the config. */
    interface Action {
        void fire(String child, long pid);
    }

    private final SupervisorThreads threads;
    private final Action action;

    RepeatTimers(SupervisorThreads threads, Action action) {
        this.threads = threads;
        this.action = action;
    }

    ScheduledFuture<?> arm(String child, long pid, Repeat repeat) {
        return threads.schedule(Duration.ofSeconds(repeat.seconds()), "repeat of " + child,
                () -> action.fire(child, pid));
    }
}
