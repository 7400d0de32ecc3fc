package keeper.itests.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;

/** What /proc says about a process: the ground truth the supervisor's claims are checked against. */
public final class Proc {

    private Proc() {
    }

    /** Alive and not a zombie. */
    public static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    /** The process's argv joined by spaces, or empty when it is gone. */
    public static String cmdline(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException e) {
            return "";
        }
    }

    public static void awaitDead(long pid, Duration within) {
        Awaitility.await("pid " + pid + " to exit").atMost(within).pollInterval(Duration.ofMillis(20))
                .until(() -> !alive(pid));
    }

    /** Live processes whose argv, joined by spaces, is exactly {@code commandLine}. */
    public static List<Long> pidsOf(String commandLine) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .filter(pid -> alive(pid) && cmdline(pid).equals(commandLine)).toList();
    }

    /** The one live process running {@code commandLine}, waiting for it to be exactly one. */
    public static long awaitSingle(String commandLine, Duration within) {
        return Awaitility.await("exactly one '" + commandLine + "'").atMost(within).pollInterval(Duration.ofMillis(10))
                .until(() -> pidsOf(commandLine), pids -> pids.size() == 1).get(0);
    }

    /** Stops, by pid, whatever still runs {@code commandLine}: cleanup for children meant to outlive a server. */
    public static void killAll(String commandLine) {
        pidsOf(commandLine).forEach(Proc::kill9);
    }

    /** Sends SIGKILL; for tests that simulate crashes. */
    public static void kill9(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
}
