package keeper.config.yaml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.function.Executable;

import keeper.api.ConfigException;
import keeper.api.ConfigProblem;

/** Assertions on the problems a reader reports. */
final class Problem {

    private Problem() {
    }

    static List<ConfigProblem> thrownBy(Executable read) {
        return assertThrows(ConfigException.class, read).problems();
    }

    /** The single problem {@code read} reports, checked for file, line and field, its message containing {@code words}. */
    static ConfigProblem single(Executable read, Path file, int line, String field, String words) {
        return single(thrownBy(read), file, line, field, words);
    }

    /** The single problem of {@code problems}, checked as {@link #single(Executable, Path, int, String, String)} does. */
    static ConfigProblem single(List<ConfigProblem> problems, Path file, int line, String field, String words) {
        assertEquals(1, problems.size(), problems.toString());
        return matches(problems.get(0), file, line, field, words);
    }

    static ConfigProblem matches(ConfigProblem problem, Path file, int line, String field, String words) {
        assertEquals(file.toAbsolutePath().normalize(), problem.file(), problem.toString());
        assertEquals(line, problem.line(), problem.toString());
        assertEquals(field, problem.field(), problem.toString());
        assertTrue(problem.message().contains(words), problem.toString());
        return problem;
    }
}
