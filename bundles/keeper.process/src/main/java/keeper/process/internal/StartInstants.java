package keeper.process.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * When a process started, as {@link ProcessHandle.Info#startInstant()} says it, from one read of {@code /proc/PID/stat}:
 * the JDK's {@code info()} also reads the command line, the executable link and the owner, several system calls more
 * for each child spawned. Computed the JDK's way (boot time from {@code /proc/stat} in whole seconds, plus the start in
 * clock ticks), which the state file's re-adoption compares with exactly; checked once against the JDK on this very
 * process, and left to the JDK when they differ.
 */
final class StartInstants {

    /** Linux's USER_HZ, the unit of the start time in /proc/PID/stat on every architecture. */
    private static final long TICKS_PER_SECOND = 100;

    /** The boot time in milliseconds, or -1 when the JDK's answer is to be used. */
    private final long bootMillis;

    StartInstants() {
        long boot = bootMillis();
        ProcessHandle self = ProcessHandle.current();
        Optional<Instant> ours = boot < 0 ? Optional.empty() : compute(boot, self.pid());
        this.bootMillis = ours.isPresent() && ours.equals(self.info().startInstant()) ? boot : -1;
    }

    /** When {@code process} started; now when that cannot be known (it is gone already). */
    Instant of(ProcessHandle process) {
        return (bootMillis < 0 ? Optional.<Instant>empty() : compute(bootMillis, process.pid()))
                .or(() -> process.info().startInstant())
                .orElseGet(Instant::now);
    }

    private static Optional<Instant> compute(long boot, long pid) {
        return ProcessScan.of(pid).map(entry -> Instant.ofEpochMilli(boot + entry.startTicks() * 1000 / TICKS_PER_SECOND));
    }

    private static long bootMillis() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                if (line.startsWith("btime ")) {
                    return Long.parseLong(line.substring("btime ".length()).trim()) * 1000;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
