package keeper.process.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** What a look at {@code /proc/PID/stat} reads, whatever the process calls itself. */
class ProcessScanTest {

    @Test
    void readsTheFieldsAfterACommandNameWithSpacesAndParentheses() throws Exception {
        Process process = new ProcessBuilder("perl", "-e", "$0 = 'a) b (c) 1 2'; sleep 300").start();
        try {
            Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(stat).contains("(a) b (c) 1 2)"));

            ProcessScan.Entry entry = ProcessScan.of(process.pid()).orElseThrow();

            assertEquals(ProcessHandle.current().pid(), entry.ppid());
            assertEquals(ProcessScan.of(ProcessHandle.current().pid()).orElseThrow().session(), entry.session());
            assertTrue(entry.startTicks() > 0 && entry.rssPages() > 0, entry::toString);
            assertTrue(ProcessScan.all().stream().anyMatch(listed -> listed.pid() == process.pid()));
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aZombieIsNotAProcess() throws Exception {
        // the child of sh exits at once; sh does not reap it while it execs into sleep
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0 & exec sleep 300").start();
        try {
            long zombie = await().atMost(Duration.ofSeconds(10)).until(() -> parent.toHandle().children()
                    .mapToLong(ProcessHandle::pid).findFirst().orElse(0), pid -> pid != 0 && isZombie(pid));

            assertTrue(ProcessScan.of(zombie).isEmpty());
        } finally {
            parent.destroyForcibly();
        }
    }

    private static boolean isZombie(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "stat")).contains(") Z ");
        } catch (IOException e) {
            return false;
        }
    }
}
