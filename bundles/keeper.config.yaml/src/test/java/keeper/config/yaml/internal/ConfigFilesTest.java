package keeper.config.yaml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import keeper.api.ChildSpec;
import keeper.api.ConfigProblem;

class ConfigFilesTest extends ConfigDirFixture {

    private Path serverFile;
    private ConfigFiles config;

    @BeforeEach
    void setUp() {
        serverFile = dir.write("etc/server.yml", "loadpaths:", "  - a", "  - b");
        config = new ConfigFiles(serverFile);
    }

    @Test
    void childrenOfEveryLoadPathSortedByName() throws Exception {
        dir.write("etc/a/web.yml", "command: web");
        dir.write("etc/a/notes.txt", "not a child");
        dir.write("etc/a/.hidden.yml", "editor leftover");
        dir.write("etc/b/db.yaml", "command: db");
        dir.write("etc/b/sub/deep.yml", "command: not directly in a load path");
        assertEquals(List.of("db", "web"), config.childNames());
        assertEquals(List.of("db", "web"), config.allChildren().stream().map(ChildSpec::name).toList());
        assertEquals("web", config.child("web").orElseThrow().command());
        assertEquals(root.resolve("etc/b/db.yaml"), config.child("db").orElseThrow().file());
        assertEquals(Optional.empty(), config.child("deep"));
        assertEquals(Optional.empty(), config.child("nobody"));
    }

    @Test
    void namesThatAreNoChildNameFindNothing() throws Exception {
        dir.write("etc/a/ok.yml", "command: ok");
        dir.write("etc/web.yml", "command: outside every load path");
        assertEquals(Optional.empty(), config.child("../web"));
        assertEquals(Optional.empty(), config.child(""));
        assertEquals(Optional.empty(), config.child(null));
    }

    @Test
    void loadPathWrittenTwiceIsReadOnce() throws Exception {
        dir.write("etc/server.yml", "loadpaths: [a, ./a/, ../etc/a]");
        dir.write("etc/a/web.yml", "command: web");
        assertEquals(List.of("web"), config.childNames());
        assertTrue(config.child("web").isPresent());
    }

    @Test
    void missingLoadPathIsSkippedWithOneWarningUntilItAppears() throws Exception {
        dir.write("etc/b/db.yml", "command: db");
        try (LogRecords log = new LogRecords(LoadPathScanner.class)) {
            assertEquals(List.of("db"), config.childNames());
            assertTrue(config.child("db").isPresent());
            assertEquals(1, log.messages().size(), log.messages().toString());
            assertTrue(log.messages().get(0).contains(root.resolve("etc/a").toString()), log.messages().get(0));
            dir.write("etc/a/web.yml", "command: web");
            assertEquals(List.of("db", "web"), config.childNames());
            assertEquals(1, log.messages().size(), log.messages().toString());
        }
    }

    @Test
    void sameNameInTwoLoadPathsNamesBothFiles() throws Exception {
        Path first = dir.write("etc/a/web.yml", "command: one");
        Path second = dir.write("etc/b/web.yml", "command: two");
        dir.write("etc/b/db.yml", "command: db");
        ConfigProblem problem = Problem.single(() -> config.child("web"), second, 0, null, first.toString());
        assertEquals(List.of(problem), config.childProblems());
        assertEquals(List.of("db"), config.childNames(), "the clash hides no other child");
        Problem.single(() -> config.allChildren(), second, 0, null, "unique");
        assertTrue(config.child("db").isPresent(), "other children still work");
    }

    @Test
    void ymlAndYamlOfTheSameNameClash() throws Exception {
        Path yml = dir.write("etc/a/web.yml", "command: one");
        Path yaml = dir.write("etc/a/web.yaml", "command: two");
        ConfigProblem problem = Problem.single(() -> config.child("web"), yml, 0, null, yaml.toString());
        assertEquals(List.of(problem), config.childProblems(), "the listing and the lookup blame the same file");
    }

    @Test
    void fileNameThatIsNoChildNameIsAProblem() throws Exception {
        Path spaced = dir.write("etc/a/bad name.yml", "command: x");
        dir.write("etc/a/ok.yml", "command: x");
        assertEquals(List.of("ok"), config.childNames());
        Problem.single(config.childProblems(), spaced, 0, null,
                "'bad name' is not a valid child name");
        assertTrue(config.child("ok").isPresent());
    }

    @Test
    void theChildNameIsTheFileNameBeforeTheFirstDot() throws Exception {
        dir.write("etc/a/web.prod.yml", "command: web");
        dir.write("etc/b/db.local.test.yaml", "command: db");
        assertEquals(List.of("db", "web"), config.childNames());
        assertEquals(root.resolve("etc/a/web.prod.yml"), config.child("web").orElseThrow().file());
        assertEquals("db", config.child("db").orElseThrow().name());
        assertEquals(Optional.empty(), config.child("web.prod"));
        assertEquals(List.of(), config.childProblems());
    }

    @Test
    void aDottedNameClashesWithThePlainOneNamingBothFiles() throws Exception {
        Path plain = dir.write("etc/a/web.yml", "command: one");
        Path dotted = dir.write("etc/b/web.prod.yml", "command: two");
        dir.write("etc/a/db.yml", "command: db");
        Problem.single(() -> config.child("web"), dotted, 0, null, plain.toString());
        Problem.single(config.childProblems(), dotted, 0, null,
                plain.toString());
        assertEquals(List.of("db"), config.childNames());
    }

    @Test
    void oneBadFileHidesNoOtherChild() throws Exception {
        Path broken = dir.write("etc/a/broken.yml", "command: [oops");
        dir.write("etc/a/web.yml", "command: web");
        dir.write("etc/b/db.yml", "command: db");
        assertEquals(List.of("broken", "db", "web"), config.childNames());
        assertEquals(1, config.childProblems().size(), config.childProblems().toString());
        assertEquals(broken.toAbsolutePath().normalize(), config.childProblems().get(0).file());
        assertTrue(config.child("web").isPresent());
    }

    @Test
    void allChildrenReportsEveryBadFileAtOnce() {
        Path broken = dir.write("etc/a/broken.yml", "command: [");
        Path noCommand = dir.write("etc/a/empty.yml", "shell: true", "port: 1");
        dir.write("etc/b/good.yml", "command: fine");
        Path badName = dir.write("etc/b/bad name.yml", "command: x");
        List<ConfigProblem> problems = Problem.thrownBy(() -> config.allChildren());
        assertEquals(4, problems.size(), problems.toString());
        Problem.matches(problems.get(0), badName, 0, null, "not a valid child name");
        Problem.matches(problems.get(1), broken, 2, null, "not valid YAML");
        Problem.matches(problems.get(2), noCommand, 2, "port", "unknown field");
        Problem.matches(problems.get(3), noCommand, 1, "command", "is required");
    }

    /** The configuration as a minute from now sees it: every file the test wrote has settled (FileStamp.settledBefore). */
    private ConfigFiles settled() {
        return new ConfigFiles(serverFile, null, Set.of(), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)));
    }

    @Test
    void unchangedFilesAreNotParsedAgain() throws Exception {
        dir.write("etc/a/web.yml", "command: web");
        ConfigFiles config = settled();
        ChildSpec first = config.child("web").orElseThrow();
        assertSame(first, config.child("web").orElseThrow());
        assertSame(first, config.allChildren().get(0));
        assertSame(config.server(), config.server());
    }

    @Test
    void editedChildFileIsSeenByTheNextCall() throws Exception {
        dir.write("etc/a/web.yml", "command: web --v1");
        assertEquals("web --v1", config.child("web").orElseThrow().command());
        dir.write("etc/a/web.yml", "command: web --version-two");
        assertEquals("web --version-two", config.child("web").orElseThrow().command());
    }

    @Test
    void sameSizeEditWithNewTimeIsSeen() throws Exception {
        Path file = dir.write("etc/a/web.yml", "command: aaa");
        FileTime before = Files.getLastModifiedTime(file);
        assertEquals("aaa", config.child("web").orElseThrow().command());
        dir.write("etc/a/web.yml", "command: bbb");
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 1000));
        assertEquals("bbb", config.child("web").orElseThrow().command());
    }

    @Test
    void sameSizeEditWithTheOldModificationTimeIsSeen() throws Exception {
        Path file = dir.write("etc/a/web.yml", "command: aaa");
        FileTime written = Files.getLastModifiedTime(file);
        ConfigFiles config = settled();
        assertEquals("aaa", config.child("web").orElseThrow().command());
        dir.write("etc/a/web.yml", "command: bbb");
        Files.setLastModifiedTime(file, written);
        assertEquals("bbb", config.child("web").orElseThrow().command());
    }

    @Test
    void childFilesAddedToAndRemovedFromAListedLoadPathAreFoundByName() throws Exception {
        dir.write("etc/a/web.yml", "command: web");
        ConfigFiles config = settled();
        assertEquals(Optional.empty(), config.child("db"));
        assertTrue(config.child("web").isPresent());
        dir.write("etc/a/db.yml", "command: db");
        assertEquals("db", config.child("db").orElseThrow().command());
        Files.move(root.resolve("etc/a/db.yml"), root.resolve("etc/a/db.prod.yml"));
        assertEquals(root.resolve("etc/a/db.prod.yml"), config.child("db").orElseThrow().file());
        Files.delete(root.resolve("etc/a/web.yml"));
        assertEquals(Optional.empty(), config.child("web"));
        assertEquals(List.of("db"), config.childNames());
    }

    @Test
    void fixedBrokenFileIsSeen() throws Exception {
        Path file = dir.write("etc/a/web.yml", "command: [");
        Problem.single(() -> config.child("web"), file, 2, null, "not valid YAML");
        dir.write("etc/a/web.yml", "command: fixed");
        assertEquals("fixed", config.child("web").orElseThrow().command());
    }

    @Test
    void newChildFileIsSeen() throws Exception {
        assertEquals(List.of(), config.childNames());
        dir.write("etc/a/new.yml", "command: new");
        assertEquals(List.of("new"), config.childNames());
        assertTrue(config.child("new").isPresent());
    }

    @Test
    void deletedChildFileIsGone() throws Exception {
        Path file = dir.write("etc/a/old.yml", "command: old");
        assertEquals(List.of("old"), config.childNames());
        Files.delete(file);
        assertEquals(List.of(), config.childNames());
        assertEquals(Optional.empty(), config.child("old"));
    }

    @Test
    void newLoadPathInServerFileIsSeen() throws Exception {
        dir.write("etc/c/late.yml", "command: late");
        assertEquals(Optional.empty(), config.child("late"));
        dir.write("etc/server.yml", "loadpaths:", "  - a", "  - b", "  - c", "mode: full");
        assertEquals(List.of(root.resolve("etc/a"), root.resolve("etc/b"), root.resolve("etc/c")),
                config.server().loadPaths());
        assertEquals(List.of("late"), config.childNames());
        assertEquals("late", config.child("late").orElseThrow().command());
    }

    @Test
    void brokenServerFileFailsEveryCallNamingIt() {
        dir.write("etc/server.yml", "loadpaths: [a]", "mode: sometimes");
        Problem.single(() -> config.childNames(), serverFile, 2, "mode", "must be one of");
        Problem.single(() -> config.child("x"), serverFile, 2, "mode", "must be one of");
    }

    @Test
    void concurrentCallersSeeOneConsistentParse() throws Exception {
        dir.write("etc/a/web.yml", "command: web");
        ConfigFiles config = settled();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Callable<ChildSpec> read = () -> config.child("web").orElseThrow();
            List<Future<ChildSpec>> results = pool.invokeAll(Collections.nCopies(64, read));
            ChildSpec first = results.get(0).get();
            for (Future<ChildSpec> result : results) {
                assertSame(first, result.get());
            }
            dir.write("etc/a/web.yml", "command: web --changed");
            assertNotSame(first, config.child("web").orElseThrow());
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aDependencyWithoutChildFileIsAProblemOfTheDependentNamingItsLine() throws Exception {
        Path web = dir.write("etc/a/web.yml", "command: web", "depends_on:", "  - db", "  - ghost");
        dir.write("etc/b/db.yml", "command: db");
        Problem.single(() -> config.child("web"), web, 4, "depends_on[1]", "no child 'ghost' in the load paths");
        dir.write("etc/b/ghost.yml", "command: ghost");
        assertEquals(List.of("db", "ghost"), config.child("web").orElseThrow().probes().dependsOn());
    }
}
