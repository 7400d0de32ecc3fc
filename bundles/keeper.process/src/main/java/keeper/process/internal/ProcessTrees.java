package keeper.process.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which processes belong to which child, at one moment ({@link ProcessScan}). A child's processes are
 * its own process, every member of its process group (it leads one), every process marked with its
 * name ({@link ChildMarks}) that has no marked parent of its own, and all their descendants through
 * parent links. Group and marks find what the parent links lost: a process re-parented to init or to
 * the spawn helper (a subreaper) after its parent died, one that left the session with setsid.
 * Marks are read only where a lost process can be: session leaders and children of init or of an
 * adopter (the spawn helper), so a scan reads few environments.
 */
final class ProcessTrees {

    /**
     * Marks already read, by pid and start time (a pid may be reused; the pair is not), kept while the process
     * lives, and marks known without reading. One cache may serve many scans, on any thread: a process's mark
     * is read once, not once per scan.
     */
    static final class MarkCache {
        private final Map<List<Long>, Optional<String>> read;
        private final Map<Long, String> known;

        MarkCache() {
            this(new ConcurrentHashMap<>(), Map.of());
        }

        private MarkCache(Map<List<Long>, Optional<String>> read, Map<Long, String> known) {
            this.read = read;
            this.known = known;
        }

        /**
         * This cache, taking the marks of {@code known} (pid to child name) as given: each is the own process of
         * that child, spawned with its mark, so its environment need not be read (a stop of thousands of children
         * would read thousands). {@link ProcessTrees#of} counts that process as the child's whatever its mark, so
         * this changes no answer of a scan.
         */
        MarkCache knowing(Map<Long, String> known) {
            return new MarkCache(read, Map.copyOf(known));
        }

        Optional<String> childOf(ProcessScan.Entry process, ChildMarks marks) {
            String name = known.get(process.pid());
            if (name != null) {
                return Optional.of(name);
            }
            return read.computeIfAbsent(key(process), key -> marks.childOf(key.get(0)));
        }

        /** Forgets the marks of the processes a scan no longer saw among those it would read. */
        void keepOnly(Set<List<Long>> seen) {
            read.keySet().retainAll(seen);
        }

        static List<Long> key(ProcessScan.Entry process) {
            return List.of(process.pid(), process.startTicks());
        }
    }

    private static final long INIT = 1;

    private final long takenAt;
    private final Map<Long, List<Long>> children = new HashMap<>();
    private final Map<Long, List<Long>> groups = new HashMap<>();
    private final Map<String, List<ProcessScan.Entry>> marked = new HashMap<>();
    private final Map<Long, ProcessScan.Entry> alive = new HashMap<>();

    private ProcessTrees(long takenAt) {
        this.takenAt = takenAt;
    }

    /**
     * @param adopters processes that adopt orphans (the spawn helpers) and must never be taken for a child's own;
     *                 the server's own process is always one
     */
    static ProcessTrees scan(ChildMarks marks, Set<Long> adopters, MarkCache cache) {
        ProcessTrees trees = new ProcessTrees(System.nanoTime());
        long self = ProcessHandle.current().pid();
        Set<List<Long>> mayBeLostSeen = new HashSet<>();
        for (ProcessScan.Entry process : ProcessScan.all()) {
            if (process.pid() == self || adopters.contains(process.pid())) {
                continue;
            }
            trees.alive.put(process.pid(), process);
            trees.children.computeIfAbsent(process.ppid(), parent -> new ArrayList<>()).add(process.pid());
            trees.groups.computeIfAbsent(process.group(), group -> new ArrayList<>()).add(process.pid());
            boolean mayBeLost = process.session() == process.pid() || process.ppid() == INIT
                    || process.ppid() == self || adopters.contains(process.ppid());
            if (mayBeLost) {
                mayBeLostSeen.add(MarkCache.key(process));
                cache.childOf(process, marks).ifPresent(name -> trees.marked
                        .computeIfAbsent(name, child -> new ArrayList<>()).add(process));
            }
        }
        cache.keepOnly(mayBeLostSeen);
        return trees;
    }

    /** When this scan started (System.nanoTime): a process that ended before then is not in it. */
    long takenAt() {
        return takenAt;
    }

    /** The processes of child {@code name} whose own process is {@code pid} (alive or not). */
    Set<Long> of(String name, long pid) {
        Set<Long> found = new HashSet<>();
        Deque<Long> pending = new ArrayDeque<>();
        if (alive.containsKey(pid)) {
            pending.add(pid);
        }
        pending.addAll(groups.getOrDefault(pid, List.of()));
        marked.getOrDefault(name, List.of()).forEach(process -> pending.add(process.pid()));
        while (!pending.isEmpty()) {
            long next = pending.pop();
            if (found.add(next)) {
                pending.addAll(children.getOrDefault(next, List.of()));
            }
        }
        return found;
    }

    /** What the scan saw of {@code pid}, or empty when it was not alive (or is an adopter or this server). */
    Optional<ProcessScan.Entry> process(long pid) {
        return Optional.ofNullable(alive.get(pid));
    }

    /** Whether {@code pid} is in {@code group}. */
    boolean inGroup(long pid, long group) {
        return groups.getOrDefault(group, List.of()).contains(pid);
    }

    /**
     * The topmost marked session leader of each child: the process a child's mark most likely started
     * as (its descendants that left the session are younger). Used to re-adopt children without a state file.
     */
    Map<String, ProcessScan.Entry> markedLeaders() {
        Map<String, ProcessScan.Entry> leaders = new HashMap<>();
        marked.forEach((name, processes) -> processes.stream()
                .filter(process -> process.session() == process.pid())
                .min((a, b) -> Long.compare(a.startTicks(), b.startTicks()))
                .ifPresent(process -> leaders.put(name, process)));
        return leaders;
    }
}
