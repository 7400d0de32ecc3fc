package keeper.process.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupMarkerTest {

    @TempDir
    Path state;

    @Test
    void theStartupRunGoesAheadOncePerBoot() {
        Path file = state.resolve("run/startup-boot");
        assertTrue(new StartupMarker(file, "boot-1").claim(), "first activation of the boot");
        assertFalse(new StartupMarker(file, "boot-1").claim(), "keeper.process updated in the same boot");
        assertTrue(new StartupMarker(file, "boot-2").claim(), "the next server start");
        assertFalse(new StartupMarker(file, "boot-2").claim());
    }

    @Test
    void withoutABootIdEveryActivationIsAStart() {
        Path file = state.resolve("run/startup-boot");
        assertTrue(new StartupMarker(file, null).claim());
        assertTrue(new StartupMarker(file, null).claim());
    }
}
