package keeper.process.internal;

import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * When the state file is saved. A command runs as a {@link #batch}: every change made while it runs, on any thread
 * (the spawn threads of a {@code start all}, an exit noticed meanwhile), is saved once at its end, on its thread,
 * before it answers; so {@code start all} or {@code stop all} of a thousand children writes and syncs the file once,
 * not a thousand times. A change made while no command runs (an exit, an automatic restart) is saved in the
 * background, so a restart never waits for an fsync; changes that arrive while a background save is queued are covered
 * by it. A server that dies before a save finds its children by their marks ({@link ChildMarks}).
 */
final class BatchedSaves {

    private final Runnable save;
    private final Executor background;
    /** Absent: this thread runs no batch; false: it does, nothing changed on it yet; true: a save is due at its end. */
    private final ThreadLocal<Boolean> mine = new ThreadLocal<>();
    /** Batches running on all threads; guarded by this. */
    private int batches;
    /** A change not yet covered by a save; guarded by this. */
    private boolean due;
    /** A background save is queued and has not begun; guarded by this. */
    private boolean queued;

    /**
     * @param save       writes the file from the table as it is when it runs (so a later save covers earlier changes)
     * @param background runs the saves of changes made while no command runs
     */
    BatchedSaves(Runnable save, Executor background) {
        this.save = save;
        this.background = background;
    }

    void changed() {
        if (mine.get() != null) {
            mine.set(true);
            return;
        }
        synchronized (this) {
            due = true;
            if (batches > 0 || queued) {
                return;
            }
            queued = true;
        }
        background.execute(this::saveQueued);
    }

    <T> T batch(Supplier<T> work) {
        if (mine.get() != null) {
            return work.get();
        }
        mine.set(false);
        synchronized (this) {
            batches++;
        }
        try {
            return work.get();
        } finally {
            boolean saveNow = mine.get();
            mine.remove();
            synchronized (this) {
                batches--;
                saveNow |= due;
                due = false;
            }
            if (saveNow) {
                save.run();
            }
        }
    }

    private void saveQueued() {
        synchronized (this) {
            queued = false;
            // a batch running now saves this change at its end
            if (!due || batches > 0) {
                return;
            }
            due = false;
        }
        save.run();
    }
}
