package keeper.process.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import keeper.api.ChildSpec;

/**
 * Takes over, when a server starts, the children an earlier server on the same state directory left
 * running. First the state file's entries that still run as the very process recorded there (same
 * pid, same start instant), then, for every other child, the process found in {@code /proc} with this
 * server's mark ({@link ChildMarks}): the oldest marked session leader of that child. So a missing,
 * empty or damaged state file loses no child, and a child already running is never started twice.
 */
final class Readoption {

    private static final Logger LOG = System.getLogger(Readoption.class.getName());

    private record Found(ProcessHandle process, Instant startedAt, String how) {
    }

    private final StateFile stateFile;
    private final ChildMarks marks;
    private final ChildSpecs specs;
    private final ProcessTable table;
    private final ChildLifecycle lifecycle;
    private final AdoptedExits adoptedExits;
    private final ProcessTrees.MarkCache marksRead;

    /** @param marksRead where the marks it reads are kept, for the stops to come */
    Readoption(StateFile stateFile, ChildMarks marks, ChildSpecs specs, ProcessTable table, ChildLifecycle lifecycle,
            AdoptedExits adoptedExits, ProcessTrees.MarkCache marksRead) {
        this.marksRead = marksRead;
        this.stateFile = stateFile;
        this.marks = marks;
        this.specs = specs;
        this.table = table;
        this.lifecycle = lifecycle;
        this.adoptedExits = adoptedExits;
    }

    void run() {
        Map<String, Found> found = new LinkedHashMap<>();
        StateFile.Contents contents = stateFile.read();
        if (!contents.entries().isEmpty()) {
            LOG.log(Level.INFO, "looking for the children left by the server of {0}", contents.server());
        }
        for (StateFile.Entry entry : contents.entries()) {
            Optional<ProcessHandle> process = ProcessHandle.of(entry.pid()).filter(AdoptedExits::runs)
                    .filter(handle -> handle.info().startInstant().filter(entry.startedAt()::equals).isPresent());
            if (process.isEmpty()) {
                LOG.log(Level.INFO, "{0} (pid {1,number,#}) is no longer running; not re-adopted", entry.name(),
                        entry.pid());
            } else {
                found.putIfAbsent(entry.name(), new Found(process.get(), entry.startedAt(), "state file"));
            }
        }
        ProcessTrees trees = ProcessTrees.scan(marks, Set.of(), marksRead);
        trees.markedLeaders().forEach((name, leader) -> {
            Found listed = found.get(name);
            if (listed != null) {
                if (listed.process().pid() != leader.pid()) {
                    LOG.log(Level.WARNING, "{0}: pid {1,number,#} also carries its mark; it is stopped with {0}",
                            name, leader.pid());
                }
                return;
            }
            ProcessHandle.of(leader.pid()).filter(AdoptedExits::runs).ifPresent(process -> found.put(name,
                    new Found(process, process.info().startInstant().orElseGet(Instant::now), "its mark in /proc")));
        });
        found.forEach(this::adopt);
    }

    private void adopt(String name, Found found) {
        ChildSpec spec = specs.readable(name).orElse(null);
        Run run = Run.adopted(found.process(), found.startedAt(), adoptedExits.exitOf(found.process()));
        boolean adopted = table.withChild(name, child -> {
            if (child.state().isAlive()) {
                return false;
            }
            lifecycle.adopt(child, run, spec);
            return true;
        });
        if (adopted) {
            LOG.log(Level.INFO, "re-adopted {0} (pid {1,number,#}, found by {2})", name, found.process().pid(),
                    found.how());
        }
    }
}
