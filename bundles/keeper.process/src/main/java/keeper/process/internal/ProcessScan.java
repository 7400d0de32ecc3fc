package keeper.process.internal;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One look at every process of the system through {@code /proc/PID/stat}: parent, process group,
 * session, start time (in clock ticks since boot, which tells a process from a later one that got
 * the same pid), CPU time and resident size. Zombies are left out: they run no code and cannot be
 * signalled away.
 */
final class ProcessScan {

    private static final Path PROC = Path.of("/proc");

    /**
     * One live process.
     *
     * @param cpuTicks the user and system time it has used, in clock ticks
     * @param rssPages its resident set size, in pages
     */
    record Entry(long pid, long ppid, long group, long session, long startTicks, long cpuTicks, long rssPages) {
    }

    private ProcessScan() {
    }

    static List<Entry> all() {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, ProcessScan::isPid)) {
            for (Path process : processes) {
                of(Long.parseLong(process.getFileName().toString())).ifPresent(entries::add);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + PROC + ": " + IoReasons.of(e), e);
        }
        return entries;
    }

    /** The process {@code pid}, or empty when it is gone or a zombie. */
    static Optional<Entry> of(long pid) {
        String stat;
        try {
            stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), ISO_8859_1);
        } catch (IOException e) {
            return Optional.empty();
        }
        // the command name in parentheses may hold spaces and parentheses itself: fields follow its last ')'
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        if (fields[0].equals("Z") || fields[0].equals("X")) {
            return Optional.empty();
        }
        return Optional.of(new Entry(pid, Long.parseLong(fields[1]), Long.parseLong(fields[2]),
                Long.parseLong(fields[3]), Long.parseLong(fields[19]),
                Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long.parseLong(fields[21])));
    }

    /** {@code /proc/PID/environ}, or empty when it cannot be read (gone, or another user's). */
    static Optional<byte[]> environment(long pid) {
        try {
            return Optional.of(Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isPid(Path entry) {
        String name = entry.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
