package keeper.process.internal;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Signals whole process groups. Every child leads its own group (it runs under {@code setsid}), so
 * signalling the group also reaches processes that left the child's tree (a daemonizing grandchild
 * re-parented to init) and processes forked after the tree was walked. Java has no killpg, so one
 * {@code kill} process signals every group of a stop at once. A group is signalled only while its
 * leader is known not reaped (its exit not seen), so its id cannot have been reused by an unrelated group.
 */
final class ProcessGroups {

    private static final Logger LOG = System.getLogger(ProcessGroups.class.getName());
    private static final List<Path> KILL_PLACES = List.of(Path.of("/bin/kill"), Path.of("/usr/bin/kill"));
    private static final long KILL_WAIT_SECONDS = 2;

    private final Optional<Path> kill = KILL_PLACES.stream().filter(Files::isExecutable).findFirst();

    /**
     * Sends {@code signal} (e.g. {@code TERM}, {@code KILL}) to the groups led by {@code leaders}, processes the
     * caller knows are not reaped yet (so their group ids are not reused); best effort. Answers the leaders whose
     * groups were signalled (the caller signals the processes of the others itself).
     */
    Set<Long> signal(String signal, Set<Long> leaders) {
        if (leaders.isEmpty() || kill.isEmpty()) {
            return Set.of();
        }
        return kill(signal, leaders.stream().map(pid -> "-" + pid).toList()) ? leaders : Set.of();
    }

    /**
     * Sends {@code signal} to single processes, for signals Java cannot send itself (it has only SIGTERM and
     * SIGKILL); best effort.
     */
    void signalProcesses(String signal, Set<Long> pids) {
        if (!pids.isEmpty() && kill.isPresent()) {
            kill(signal, pids.stream().map(String::valueOf).toList());
        }
    }

    private boolean kill(String signal, List<String> targets) {
        List<String> command = new ArrayList<>(List.of(kill.get().toString(), "-s", signal, "--"));
        command.addAll(targets);
        try {
            Process process = new ProcessBuilder(command).redirectOutput(Redirect.DISCARD)
                    .redirectError(Redirect.DISCARD).redirectInput(Redirect.from(new File("/dev/null"))).start();
            // targets already gone make kill exit non-zero: that is not a failure of the stop
            if (!process.waitFor(KILL_WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return true;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot run {0}: {1}; each process is signalled instead", kill.get(),
                    e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
