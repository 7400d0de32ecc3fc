package keeper.process.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class BatchedSavesTest {

    private final AtomicInteger saved = new AtomicInteger();
    /** The background: runs what it was handed only when the test says so. */
    private final List<Runnable> queued = new ArrayList<>();
    private final BatchedSaves saves = new BatchedSaves(saved::incrementAndGet, queued::add);

    @Test
    void changesOutsideABatchAreSavedInTheBackgroundOnceForAllThatCameWhileQueued() {
        saves.changed();
        saves.changed();
        saves.changed();
        assertEquals(0, saved.get(), "the caller never waits for the save");
        assertEquals(1, queued.size());

        runQueued();
        assertEquals(1, saved.get());

        saves.changed();
        runQueued();
        assertEquals(2, saved.get(), "a change after the save is saved again");
    }

    @Test
    void aBatchSavesItsChangesOnceAtItsEndAndNotAtAllWithoutChanges() {
        String result = saves.batch(() -> {
            saves.changed();
            saves.changed();
            saves.batch(() -> {
                saves.changed();
                return null;
            });
            assertEquals(0, saved.get(), "nothing is saved inside the batch");
            return "done";
        });
        assertEquals("done", result);
        assertEquals(1, saved.get());
        assertEquals(List.of(), queued);

        saves.batch(() -> "nothing changed");
        assertEquals(1, saved.get());
    }

    @Test
    void changesOnOtherThreadsDuringABatchAreSavedOnceAtItsEnd() {
        saves.batch(() -> {
            for (int i = 0; i < 100; i++) {
                CompletableFuture.runAsync(saves::changed).join();
            }
            runQueued();
            assertEquals(0, saved.get(), "a queued save leaves the change to the batch");
            return null;
        });
        assertEquals(1, saved.get());
        runQueued();
        assertEquals(1, saved.get());
    }

    private void runQueued() {
        List<Runnable> now = List.copyOf(queued);
        queued.clear();
        now.forEach(Runnable::run);
    }
}
