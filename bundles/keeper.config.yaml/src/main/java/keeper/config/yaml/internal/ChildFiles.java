package keeper.config.yaml.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import keeper.api.ConfigProblem;

/**
 * The child files found in the load paths: each valid name with the file that defines it, and the
 * problems of the listing itself (file names that are no child name, names defined twice).
 */
record ChildFiles(SortedMap<String, Path> byName, List<ConfigProblem> problems) {

    /** @param found every file for each name, in load path order */
    static ChildFiles of(Map<String, List<Path>> found, List<ConfigProblem> problems) {
        SortedMap<String, Path> byName = new TreeMap<>();
        List<ConfigProblem> all = new ArrayList<>(problems);
        found.forEach((name, files) -> {
            if (files.size() == 1) {
                byName.put(name, files.get(0));
            } else {
                all.addAll(duplicates(name, files));
            }
        });
        return new ChildFiles(byName, all);
    }

    /** One problem per file after the first, each naming the file that already defines the child. */
    static List<ConfigProblem> duplicates(String name, List<Path> files) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (Path file : files.subList(1, files.size())) {
            problems.add(new ConfigProblem(file, 0, null, "child '" + name + "' is also defined by " + files.get(0)
                    + "; a child name must be unique across all loadpaths (rename or remove one of the files)"));
        }
        return problems;
    }
}
