package keeper.process.internal;

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
    /** Fields of {@code /proc/PID/stat} counted from the state, the first one after the command name. */
    private static final int PPID = 1;
    private static final int GROUP = 2;
    private static final int SESSION = 3;
    private static final int USER_TIME = 11;
    private static final int SYSTEM_TIME = 12;
    private static final int START = 19;
    private static final int RSS = 21;

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
        byte[] stat;
        try {
            stat = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("stat"));
        } catch (IOException e) {
            return Optional.empty();
        }
        // the command name in parentheses may hold spaces and parentheses itself: fields follow its last ')'
        int start = stat.length - 1;
        while (start >= 0 && stat[start] != ')') {
            start--;
        }
        start += 2;
        if (start >= stat.length || stat[start] == 'Z' || stat[start] == 'X') {
            return Optional.empty();
        }
        // numbers parsed in place: a scan reads every process of the system, so no strings per field
        long[] fields = new long[RSS + 1];
        int field = 0;
        for (int i = start; i < stat.length && field <= RSS; i++) {
            byte c = stat[i];
            if (c == ' ') {
                field++;
            } else if (c >= '0' && c <= '9') {
                fields[field] = fields[field] * 10 + (c - '0');
            }
        }
        return Optional.of(new Entry(pid, fields[PPID], fields[GROUP], fields[SESSION], fields[START],
                fields[USER_TIME] + fields[SYSTEM_TIME], fields[RSS]));
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
