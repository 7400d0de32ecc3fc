package keeper.process.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class BatchedSavesTest {

    private final AtomicInteger saved = new AtomicInteger();
    private final BatchedSaves saves = new BatchedSaves(saved::incrementAndGet);

    @Test
    void eachChangeIsSavedAtOnceOutsideABatch() {
        saves.changed();
        saves.changed();
        assertEquals(2, saved.get());
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

        saves.batch(() -> "nothing changed");
        assertEquals(1, saved.get());
    }

    @Test
    void anotherThreadsChangeDuringABatchIsSavedAtOnce() {
        saves.batch(() -> {
            CompletableFuture.runAsync(saves::changed).join();
            assertEquals(1, saved.get());
            return null;
        });
        assertEquals(1, saved.get());
    }
}
