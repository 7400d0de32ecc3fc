package keeper.process.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import keeper.api.AutoRestart;
import keeper.process.internal.RestartPolicy.Action;
import keeper.process.internal.RestartPolicy.Decision;

class RestartPolicyTest {

    private static final Duration START_SECS = Duration.ofSeconds(1);
    private static final Duration QUICK_RUN = Duration.ofMillis(10);
    private static final Duration LONG_RUN = Duration.ofMinutes(5);

    @Test
    void backoffIsImmediateThenDoublesFromHalfASecondUpToThirtySeconds() {
        assertEquals(Duration.ZERO, RestartPolicy.delay(1));
        assertEquals(Duration.ofMillis(500), RestartPolicy.delay(2));
        assertEquals(Duration.ofSeconds(1), RestartPolicy.delay(3));
        assertEquals(Duration.ofSeconds(2), RestartPolicy.delay(4));
        assertEquals(Duration.ofSeconds(16), RestartPolicy.delay(7));
        assertEquals(Duration.ofSeconds(30), RestartPolicy.delay(8));
        assertEquals(Duration.ofSeconds(30), RestartPolicy.delay(1000));
    }

    @Test
    void quickFailuresGiveUpAtStartRetries() {
        assertEquals(new Decision(Action.RESTART, Duration.ZERO, 1), decide(AutoRestart.ALWAYS, 1, QUICK_RUN, START_SECS, 0, 3));
        assertEquals(new Decision(Action.RESTART, Duration.ofMillis(500), 2),
                decide(AutoRestart.ALWAYS, 1, QUICK_RUN, START_SECS, 1, 3));
        assertEquals(new Decision(Action.GIVE_UP, Duration.ZERO, 3), decide(AutoRestart.ALWAYS, 1, QUICK_RUN, START_SECS, 2, 3));
        assertEquals(Action.GIVE_UP, decide(AutoRestart.ALWAYS, 1, QUICK_RUN, START_SECS, 0, 0).action());
    }

    @Test
    void aLongRunResetsTheCount() {
        assertEquals(new Decision(Action.RESTART, Duration.ZERO, 0), decide(AutoRestart.ALWAYS, 1, LONG_RUN, START_SECS, 2, 3));
    }

    @Test
    void modesDecideWhetherToRestart() {
        assertEquals(Action.STAY_DOWN, decide(AutoRestart.NEVER, 1, LONG_RUN, START_SECS, 0, 3).action());
        assertEquals(Action.STAY_DOWN, decide(AutoRestart.ON_FAILURE, 0, LONG_RUN, START_SECS, 0, 3).action());
        assertEquals(Action.RESTART, decide(AutoRestart.ON_FAILURE, 137, LONG_RUN, START_SECS, 0, 3).action());
        assertEquals(Action.RESTART, decide(AutoRestart.ON_FAILURE, null, LONG_RUN, START_SECS, 0, 3).action(),
                "an unknown exit code (adopted child) counts as a failure");
        assertEquals(Action.RESTART, decide(AutoRestart.ALWAYS, 0, LONG_RUN, START_SECS, 0, 3).action());
    }

    @Test
    void aRunShorterThanStartsecsIsAFailedStartWhateverItsLength() {
        Duration startSecs = Duration.ofSeconds(30);
        assertEquals(1, decide(AutoRestart.ALWAYS, 1, Duration.ofSeconds(20), startSecs, 0, 3).quickFailures());
        assertEquals(0, decide(AutoRestart.ALWAYS, 1, startSecs, startSecs, 2, 3).quickFailures());
    }

    private static Decision decide(AutoRestart mode, Integer code, Duration ran, Duration startSecs, int failures,
            int retries) {
        return RestartPolicy.decide(mode, code, ran, startSecs, failures, retries);
    }
}
