package keeper.command.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import keeper.api.ConfigException;
import keeper.api.ConfigProblem;
import keeper.api.ConfigSource;
import keeper.api.spi.command.Reply;

/**
 * The replies that list children (status, info, check) end with one line per child file that has
 * problems, so a bad file is named and never hides the good children. A server.yml that cannot be
 * read is not a child file problem: the commands report it their own way.
 */
final class ChildFileProblems {

    private ChildFileProblems() {
    }

    /** {@code reply} with a line for each bad child file appended. */
    static Reply appendTo(Reply reply, ConfigSource config) {
        List<String> lines = lines(config);
        return lines.isEmpty() ? reply : new Reply(reply.ok(), reply.text() + "\n" + String.join("\n", lines));
    }

    static List<String> lines(ConfigSource config) {
        List<ConfigProblem> problems;
        try {
            problems = config.childProblems();
        } catch (ConfigException e) {
            return List.of();
        }
        Map<Path, List<ConfigProblem>> byFile = problems.stream()
                .collect(Collectors.groupingBy(ConfigProblem::file, LinkedHashMap::new, Collectors.toList()));
        return byFile.values().stream().map(ChildFileProblems::line).toList();
    }

    private static String line(List<ConfigProblem> problemsOfOneFile) {
        String first = "problem: " + problemsOfOneFile.get(0);
        int more = problemsOfOneFile.size() - 1;
        return more == 0 ? first : first + " (and " + more + " more in this file)";
    }
}
