package keeper.process.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The start instant read from /proc is the JDK's to the millisecond: re-adoption compares the two exactly. */
class StartInstantsTest {

    @Test
    void aChildsStartInstantIsTheOneTheJdkGives() throws Exception {
        Process child = new ProcessBuilder("sleep", "300").start();
        try {
            ProcessHandle handle = child.toHandle();
            assertEquals(handle.info().startInstant().orElseThrow(), new StartInstants().of(handle));
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
