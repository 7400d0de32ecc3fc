package keeper.config.yaml.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import keeper.api.ConfigException;
import keeper.api.ConfigProblem;

/**
 * Finds child files in load paths: regular {@code *.yml} and {@code *.yaml} files directly in each
 * directory, each naming the child before its first dot; hidden files (editor leftovers) are ignored. A load path that does not exist is skipped
 * with a warning, logged once until it appears, so a server can list a directory it will get later; the
 * warning also names the same path from the working directory when that one exists.
 */
final class LoadPathScanner {

    private static final Logger LOG = System.getLogger(LoadPathScanner.class.getName());

    private final Path serverFile;
    private final Set<Path> reportedMissing = ConcurrentHashMap.newKeySet();
    /** Each load path's listing, by the directory's stamp: finding one child among thousands lists nothing. */
    private final ParsedFiles<Listing> listings;
    /** How many times a directory was read: what the listing cache saves, for tests. */
    private final LongAdder directoryReads = new LongAdder();

    /** @param serverFile the server.yml the load paths come from, named in listing problems */
    LoadPathScanner(Path serverFile) {
        this(serverFile, Clock.systemUTC());
    }

    /** @param clock the wall clock directory times are compared with (see {@link FileStamp#settledBefore}) */
    LoadPathScanner(Path serverFile, Clock clock) {
        this.serverFile = serverFile;
        this.listings = new ParsedFiles<>(clock, ParsedFiles.CAPACITY);
    }

    /** Every child file of every load path. */
    ChildFiles scan(List<Path> loadPaths) {
        Map<String, List<Path>> found = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (Path directory : present(loadPaths)) {
            try {
                for (Path entry : listing(directory).entries()) {
                    add(entry, found, problems);
                }
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        return ChildFiles.of(found, problems);
    }

    /**
     * The file of child {@code name} ({@code name.yml}, {@code name.prod.yaml}, ...), from the listing of
     * each load path (read again only when the directory changed); empty when no load path has one.
     */
    Optional<Path> find(List<Path> loadPaths, String name) throws ConfigException {
        List<Path> files = new ArrayList<>();
        for (Path directory : present(loadPaths)) {
            for (Path entry : listing(directory).byStem().getOrDefault(name, List.of())) {
                if (Files.isRegularFile(entry)) {
                    files.add(entry);
                }
            }
        }
        if (files.size() > 1) {
            throw new ConfigException(ChildFiles.duplicates(name, files));
        }
        return files.stream().findFirst();
    }

    /** The entries of one directory, sorted, and those that are {@code .yml}/{@code .yaml} files by child name. */
    private record Listing(List<Path> entries, Map<String, List<Path>> byStem) {
    }

    private Listing listing(Path directory) throws ConfigException {
        return listings.get(directory, this::list);
    }

    long directoryReads() {
        return directoryReads.sum();
    }

    private Listing list(Path directory) throws ConfigException {
        directoryReads.increment();
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(entries::add);
        } catch (IOException | DirectoryIteratorException e) {
            throw new ConfigException(new ConfigProblem(serverFile, 0, "loadpaths", "cannot list " + directory + ": "
                    + (e instanceof DirectoryIteratorException failure ? failure.getCause() : e)));
        }
        entries.sort(null);
        Map<String, List<Path>> byStem = new HashMap<>();
        for (Path entry : entries) {
            ChildNameRule.stem(entry.getFileName().toString())
                    .ifPresent(stem -> byStem.computeIfAbsent(stem, s -> new ArrayList<>(1)).add(entry));
        }
        return new Listing(List.copyOf(entries), byStem);
    }

    private static void add(Path entry, Map<String, List<Path>> found, List<ConfigProblem> problems) {
        String fileName = entry.getFileName().toString();
        Optional<String> name = ChildNameRule.stem(fileName);
        if (name.isEmpty() || fileName.startsWith(".") || !Files.isRegularFile(entry)) {
            return;
        }
        if (ChildNameRule.isValid(name.get())) {
            found.computeIfAbsent(name.get(), n -> new ArrayList<>()).add(entry);
        } else {
            problems.add(new ConfigProblem(entry, 0, null, "the file name gives no child name: "
                    + ChildNameRule.explain(name.get())));
        }
    }

    /** The load paths that exist, each once: a directory listed twice would otherwise clash with itself. */
    private Set<Path> present(List<Path> loadPaths) {
        Set<Path> present = new LinkedHashSet<>();
        for (Path directory : loadPaths) {
            if (Files.isDirectory(directory)) {
                present.add(directory);
                reportedMissing.remove(directory);
            } else if (reportedMissing.add(directory)) {
                LOG.log(Level.WARNING, "loadpath " + directory + " of " + serverFile
                        + " is not a directory; its children are skipped until it exists" + elsewhere(directory));
            }
        }
        return present;
    }

    /**
     * Other supervisors (supervisor-rs) resolve relative load paths against their working directory, so
     * a config written for them names a folder that exists there but not next to server.yml: say so.
     */
    private String elsewhere(Path directory) {
        Path serverDir = serverFile.getParent();
        if (!directory.startsWith(serverDir)) {
            return "";
        }
        Path fromWorkingDir = Path.of("").toAbsolutePath().resolve(serverDir.relativize(directory)).normalize();
        if (fromWorkingDir.equals(directory) || !Files.isDirectory(fromWorkingDir)) {
            return "";
        }
        return ". A relative load path is resolved against server.yml's folder " + serverDir + ", not the working"
                + " directory; " + fromWorkingDir + " (relative to the working directory) exists: write that path to use it";
    }
}
