package keeper.config.yaml.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

    /** @param serverFile the server.yml the load paths come from, named in listing problems */
    LoadPathScanner(Path serverFile) {
        this.serverFile = serverFile;
    }

    /** Every child file of every load path. */
    ChildFiles scan(List<Path> loadPaths) {
        Map<String, List<Path>> found = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (Path directory : present(loadPaths)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                for (Path entry : sorted(entries)) {
                    add(entry, found, problems);
                }
            } catch (IOException e) {
                problems.add(new ConfigProblem(serverFile, 0, "loadpaths", "cannot list " + directory + ": " + e));
            }
        }
        return ChildFiles.of(found, problems);
    }

    /**
     * The file of child {@code name} ({@code name.yml}, {@code name.prod.yaml}, ...), reading only the
     * directory entries that start with {@code name.}; empty when no load path has one.
     */
    Optional<Path> find(List<Path> loadPaths, String name) throws ConfigException {
        List<Path> files = new ArrayList<>();
        for (Path directory : present(loadPaths)) {
            // A valid child name holds no glob character, so "name.*" matches it literally.
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, name + ".*")) {
                for (Path entry : sorted(entries)) {
                    if (ChildNameRule.stem(entry.getFileName().toString()).filter(name::equals).isPresent()
                            && Files.isRegularFile(entry)) {
                        files.add(entry);
                    }
                }
            } catch (IOException e) {
                throw new ConfigException(new ConfigProblem(serverFile, 0, "loadpaths", "cannot list " + directory + ": " + e));
            }
        }
        if (files.size() > 1) {
            throw new ConfigException(ChildFiles.duplicates(name, files));
        }
        return files.stream().findFirst();
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

    private static List<Path> sorted(DirectoryStream<Path> entries) {
        List<Path> list = new ArrayList<>();
        entries.forEach(list::add);
        list.sort(null);
        return list;
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
