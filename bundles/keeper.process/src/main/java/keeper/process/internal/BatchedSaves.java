package keeper.process.internal;

import java.util.function.Supplier;

/**
 * Saves of the state file, one per change, except inside {@link #batch}: there the changes made by
 * the batching thread (every child of a {@code stop all}) are saved once at its end, so stopping a
 * thousand children writes and syncs the file once, not a thousand times. Changes on other threads
 * (an exit noticed meanwhile) are saved at once as usual.
 */
final class BatchedSaves {

    private final Runnable save;
    /** Absent: not batching; false: batching, nothing changed yet; true: batching, a save is due. */
    private final ThreadLocal<Boolean> due = new ThreadLocal<>();

    BatchedSaves(Runnable save) {
        this.save = save;
    }

    void changed() {
        if (due.get() == null) {
            save.run();
        } else {
            due.set(true);
        }
    }

    <T> T batch(Supplier<T> work) {
        if (due.get() != null) {
            return work.get();
        }
        due.set(false);
        try {
            return work.get();
        } finally {
            boolean saveNow = due.get();
            due.remove();
            if (saveNow) {
                save.run();
            }
        }
    }
}
