package keeper.process.internal;

import java.time.Duration;

import keeper.api.AutoRestart;

/**
 * What to do when a child exits on its own. A run shorter than the child's {@code startsecs} is a
 * failed start (supervisord's rule); the first restart after a failure is immediate, later ones wait
 * 0.5 s, 1 s, 2 s ... up to {@link #CAP}, and {@code startretries} failed starts in a row give up
 * (FATAL) so that a child that cannot start never spins the CPU. A run of at least {@code startsecs}
 * resets the count.
 */
final class RestartPolicy {

    static final Duration FIRST_DELAY = Duration.ofMillis(500);
    static final Duration CAP = Duration.ofSeconds(30);
    private static final int MAX_DOUBLINGS = 16;

    enum Action { STAY_DOWN, RESTART, GIVE_UP }

    /**
     * @param action        what to do
     * @param delay         how long to wait before the restart
     * @param quickFailures consecutive quick failures, this exit included
     */
    record Decision(Action action, Duration delay, int quickFailures) {
    }

    private RestartPolicy() {
    }

    /**
     * @param exitCode      the exit code, or {@code null} when unknown (an adopted child, a failed spawn):
     *                      counted as a failure
     * @param ran           how long the process ran (on a monotonic clock)
     * @param startSecs     how long a run must last to count as started
     * @param quickFailures consecutive failed starts before this exit
     */
    static Decision decide(AutoRestart mode, Integer exitCode, Duration ran, Duration startSecs, int quickFailures,
            int startRetries) {
        boolean success = exitCode != null && exitCode == 0;
        int failures = ran.compareTo(startSecs) < 0 ? quickFailures + 1 : 0;
        if (mode == AutoRestart.NEVER || (mode == AutoRestart.ON_FAILURE && success)) {
            return new Decision(Action.STAY_DOWN, Duration.ZERO, failures);
        }
        if (failures > 0 && failures >= startRetries) {
            return new Decision(Action.GIVE_UP, Duration.ZERO, failures);
        }
        return new Decision(Action.RESTART, delay(failures), failures);
    }

    static Duration delay(int failures) {
        if (failures <= 1) {
            return Duration.ZERO;
        }
        Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(failures - 2, MAX_DOUBLINGS));
        return delay.compareTo(CAP) > 0 ? CAP : delay;
    }
}
