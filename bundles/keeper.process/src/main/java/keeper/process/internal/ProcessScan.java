package keeper.process.internal;

import java.io.FileInputStream;
import java.io.IOException;
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
    private static final String PROC_PREFIX = "/proc/";
    /** Bytes read of a {@code /proc/PID/stat} at once: its line is a few hundred. */
    private static final int STAT_BUFFER = 1024;
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
        String[] names = PROC.toFile().list();
        if (names == null) {
            throw new IllegalStateException("cannot list " + PROC);
        }
        List<Entry> entries = new ArrayList<>(names.length);
        byte[] buffer = new byte[STAT_BUFFER];
        for (String name : names) {
            if (isPid(name)) {
                of(Long.parseLong(name), buffer).ifPresent(entries::add);
            }
        }
        return entries;
    }

    /** The process {@code pid}, or empty when it is gone or a zombie. */
    static Optional<Entry> of(long pid) {
        return of(pid, new byte[STAT_BUFFER]);
    }

    /**
     * @param buffer where the file is read: a scan reads every process of the system, so one buffer and one
     *               {@code read} each, and numbers parsed in place rather than strings per field
     */
    private static Optional<Entry> of(long pid, byte[] buffer) {
        byte[] stat = buffer;
        int length;
        try (FileInputStream in = new FileInputStream(PROC_PREFIX + pid + "/stat")) {
            length = in.read(buffer);
            if (length == buffer.length) { // longer than any stat line seen: read it whole
                stat = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("stat"));
                length = stat.length;
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        // the command name in parentheses may hold spaces and parentheses itself: fields follow its last ')'
        int start = length - 1;
        while (start >= 0 && stat[start] != ')') {
            start--;
        }
        start += 2;
        if (start <= 1 || start >= length || stat[start] == 'Z' || stat[start] == 'X') {
            return Optional.empty();
        }
        long[] fields = new long[RSS + 1];
        int field = 0;
        for (int i = start; i < length && field <= RSS; i++) {
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

    private static boolean isPid(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
