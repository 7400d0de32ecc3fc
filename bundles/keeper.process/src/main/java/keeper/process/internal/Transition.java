package keeper.process.internal;

import java.time.Duration;

import keeper.api.ChildState;

/**
 * One change of a child's state, as every listener (log, state file, Event Admin) sees it.
 *
 * @param sequence  increases by one with every transition of any child of this supervisor
 * @param name      the child
 * @param pid       the process concerned: the new one on RUNNING, the ended one on EXITED, BACKOFF,
 *                  FATAL, STOPPING and STOPPED; 0 while STARTING (no process yet) or when none ever ran
 * @param previous  the state it left
 * @param state     the state it entered
 * @param exitCode  the last exit code (128 + signal for a death by signal), or {@code null}
 * @param reason    why, for logs and people: {@code start}, {@code exited (exit code 1)}, ...
 * @param spawnTime how long making the process took, on the move that ends a spawn (STARTING to RUNNING);
 *                  else {@code null}
 */
record Transition(long sequence, String name, long pid, ChildState previous, ChildState state, Integer exitCode,
        String reason, Duration spawnTime) {
}
