package keeper.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.itests.harness.CliResult;
import keeper.itests.harness.Proc;
import keeper.itests.harness.ServerDir;
import keeper.itests.harness.ServerProcess;

/**
 * Issue 4: every seed command on real child processes of a real {@code bin/keeper-server}, with
 * what the server claims checked against /proc.
 */
class ProcessControlTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final Pattern PID = Pattern.compile("pid (\\d+)");

    @TempDir
    Path temp;

    private ServerDir dir;
    private ServerProcess server;

    @BeforeEach
    void startServer() {
        dir = ServerDir.create(temp);
        dir.sleeperChild("web", "");
        server = dir.start();
    }

    @AfterEach
    void stopServerAndChildren() {
        server.close();
        for (String name : List.of("web", "a", "b", "c", "late", "crashy")) {
            Proc.killAll(dir.sleeper(name));
        }
    }

    @Test
    void startRestartTrystartStopHappyAndRefusedPaths() {
        CliResult started = ok(server.keeper("start", "web"));
        long first = pid(started);
        assertTrue(Proc.alive(first));
        assertEquals(dir.sleeper("web"), Proc.cmdline(first));

        CliResult again = server.keeper("start", "web");
        assertEquals(1, again.exitCode(), again.toString());
        assertTrue(again.text().contains("already running"), again.toString());
        assertEquals(List.of(first), Proc.pidsOf(dir.sleeper("web")));

        long second = lastPid(ok(server.keeper("restart", "web")));
        assertNotEquals(first, second);
        Proc.awaitDead(first, WITHIN);
        assertTrue(Proc.alive(second));

        long third = lastPid(ok(server.keeper("trystart", "web")));
        assertNotEquals(second, third);
        Proc.awaitDead(second, WITHIN);

        assertTrue(ok(server.keeper("check")).text().contains("web"));
        assertTrue(ok(server.keeper("check", "web")).text().contains(Long.toString(third)));

        ok(server.keeper("stop", "web"));
        Proc.awaitDead(third, WITHIN);

        CliResult stopAgain = server.keeper("stop", "web");
        assertEquals(1, stopAgain.exitCode(), stopAgain.toString());
        assertTrue(stopAgain.text().contains("not running"), stopAgain.toString());

        CliResult restartStopped = server.keeper("restart", "web");
        assertEquals(1, restartStopped.exitCode(), restartStopped.toString());
        assertTrue(restartStopped.text().contains("start web"), "refusal should suggest start: " + restartStopped);

        long fourth = pid(ok(server.keeper("trystart", "web")));
        assertTrue(Proc.alive(fourth));

        CliResult unknown = server.keeper("start", "nosuchchild");
        assertEquals(1, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.text().contains("nosuchchild"), unknown.toString());
    }

    /** Issue 13, defect 6: the marks in /proc bring a child back when the state file is lost; never a second copy. */
    @Test
    void aLostStateFileLosesNoChildAndNothingStartsTwice() throws Exception {
        long web = pid(ok(server.keeper("start", "web")));
        String environment = new String(Files.readAllBytes(Path.of("/proc", Long.toString(web), "environ")));
        assertTrue(List.of(environment.split("\0")).containsAll(List.of("KEEPER_SERVER_ID=" + dir.serverId(),
                "KEEPER_CHILD=web")), "the child is marked");
        server.close();
        assertTrue(Proc.alive(web), "children outlive the server");
        Files.write(dir.stateDir().resolve("run/children.tsv"), new byte[0]);

        server = dir.start();

        CliResult again = server.keeper("start", "web");
        assertEquals(1, again.exitCode(), again.toString());
        assertTrue(again.text().contains("already running (pid " + web + ")"), again.toString());
        assertEquals(List.of(web), Proc.pidsOf(dir.sleeper("web")));
    }

    @Test
    void stopAllStopsEveryChildAndCheckForgetsTheDead() {
        dir.sleeperChild("a", "");
        long web = pid(ok(server.keeper("start", "web")));
        long a = pid(ok(server.keeper("start", "a")));
        CliResult stopped = ok(server.keeper("stop", "all"));
        assertTrue(stopped.text().contains("web") && stopped.text().contains("a"), stopped.toString());
        Proc.awaitDead(web, WITHIN);
        Proc.awaitDead(a, WITHIN);
        CliResult check = ok(server.keeper("check"));
        assertFalse(check.text().contains("web"), check.toString());
    }

    @Test
    void stopKillsTheWholeProcessTreeAndEscalatesToSigkill() throws Exception {
        // a shell that ignores SIGTERM and has a child of its own
        dir.child("a", "command: \"trap '' TERM; " + dir.sleeper("a") + " & wait\"\nshell: true\nstop_timeout: 1\n");
        long shell = pid(ok(server.keeper("start", "a")));
        long grandchild = Proc.awaitSingle(dir.sleeper("a"), WITHIN);
        CliResult stopped = ok(server.keeper("stop", "a"));
        assertTrue(stopped.text().toLowerCase().contains("kill"), "the reply says how it ended: " + stopped);
        Proc.awaitDead(shell, WITHIN);
        Proc.awaitDead(grandchild, WITHIN);
    }

    @Test
    void outputCreateTruncatesAndAppendAppends() throws Exception {
        Path created = temp.resolve("created.log");
        Path appended = temp.resolve("appended.log");
        dir.child("a", "command: echo hello\noutput:\n  - stdout: " + created + "\n    mode: create\n");
        dir.child("b", "command: echo hello\noutput:\n  - stdout: " + appended + "\n    mode: append\n");
        for (int round = 1; round <= 2; round++) {
            ok(server.keeper("start", "a"));
            ok(server.keeper("start", "b"));
            int lines = round;
            Awaitility.await().atMost(WITHIN).until(() -> lineCount(appended) == lines && lineCount(created) == 1
                    && server.keeper("check").text().lines().noneMatch(l -> l.startsWith("a") || l.startsWith("b")));
        }
        assertEquals("hello\n", Files.readString(created));
        assertEquals("hello\nhello\n", Files.readString(appended));
    }

    @Test
    void repeatRestartsTheChildUntilTheConfigDropsIt() {
        dir.sleeperChild("a", "repeat:\n  action: restart\n  seconds: 2\n");
        long first = pid(ok(server.keeper("start", "a")));
        long repeated = Awaitility.await("repeat restart").atMost(WITHIN).until(() -> Proc.pidsOf(dir.sleeper("a")),
                pids -> pids.size() == 1 && pids.get(0) != first).get(0);
        dir.sleeperChild("a", "");
        server.awaitOutput("config has no repeat", WITHIN);
        assertEquals(List.of(repeated), Proc.pidsOf(dir.sleeper("a")), "no repeat after the config dropped it");
    }

    @Test
    void aRepeatTimerDoesNothingWhenItsPidIsGone() {
        // the child exits on its own before its timer is due: the timer must not start it again
        dir.child("b", "command: sleep 0.5\nrepeat:\n  action: restart\n  seconds: 2\n");
        long gone = pid(ok(server.keeper("start", "b")));
        server.awaitOutput("no longer runs as pid " + gone, WITHIN);
        assertTrue(server.keeper("check").text().lines().noneMatch(line -> line.startsWith("b ")));
    }

    @Test
    void aPrehookChainOfThreeStartsInOrder() throws Exception {
        dir.sleeperChild("a", "hooks:\n  - prehook: start b\n");
        dir.sleeperChild("b", "hooks:\n  - prehook: start c\n");
        dir.sleeperChild("c", "");
        CliResult started = ok(server.keeper("start", "a"));
        String text = started.text();
        assertTrue(text.indexOf("c started") < text.indexOf("b started") && text.indexOf("b started") < text.indexOf("a started"),
                "chain order c, b, a: " + started);
        long a = Proc.awaitSingle(dir.sleeper("a"), WITHIN);
        long b = Proc.awaitSingle(dir.sleeper("b"), WITHIN);
        long c = Proc.awaitSingle(dir.sleeper("c"), WITHIN);
        assertTrue(startOf(c) <= startOf(b) && startOf(b) <= startOf(a));
    }

    @Test
    void aHookCycleIsRefusedBeforeAnythingStarts() {
        dir.sleeperChild("a", "hooks:\n  - prehook: start b\n");
        dir.sleeperChild("b", "hooks:\n  - prehook: start c\n");
        dir.sleeperChild("c", "hooks:\n  - prehook: start a\n");
        CliResult refused = server.keeper("start", "a");
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(refused.text().contains("cycle"), refused.toString());
        for (String name : List.of("a", "b", "c")) {
            assertEquals(List.of(), Proc.pidsOf(dir.sleeper(name)), name + " must not have started");
        }
    }

    @Test
    void aChildFileAddedAtRunTimeStartsWithoutRestart() {
        dir.sleeperChild("late", "");
        long late = pid(ok(server.keeper("start", "late")));
        assertEquals(dir.sleeper("late"), Proc.cmdline(late));
    }

    @Test
    void aBrokenChildFileIsAClearErrorAndDisturbsNothing() throws Exception {
        long web = pid(ok(server.keeper("start", "web")));
        Path broken = dir.child("a", "command: [unterminated\n");
        CliResult refused = server.keeper("start", "a");
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(refused.text().contains(broken.toString()), "names the file: " + refused);
        dir.child("b", "command: sleep 1\nrepet:\n  seconds: 3\n");
        CliResult typo = server.keeper("start", "b");
        assertTrue(typo.text().contains("repet"), "names the unknown field: " + typo);
        assertTrue(server.alive());
        assertEquals(List.of(web), Proc.pidsOf(dir.sleeper("web")));
        assertTrue(ok(server.keeper("check")).text().contains("web"));
    }

    @Test
    void autorestartAlwaysBringsBackASigkilledChildAtOnce() {
        dir.sleeperChild("crashy", "autorestart: always\n");
        long first = pid(ok(server.keeper("start", "crashy")));
        Proc.kill9(first);
        long second = Proc.awaitSingle(dir.sleeper("crashy"), WITHIN);
        assertNotEquals(first, second);
        assertTrue(server.keeper("status", "crashy").text().contains(Long.toString(second)));
    }

    @Test
    void aChildThatExitsAtOnceEndsFatalAfterItsRetries() {
        dir.child("crashy", "command: \"false\"\nautorestart: always\nstartretries: 3\n");
        server.keeper("start", "crashy");
        String status = Awaitility.await("crashy FATAL").atMost(WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> server.keeper("status", "crashy").text(), text -> text.toUpperCase().contains("FATAL"));
        // NAME STATE PID RESTARTS EXIT
        String[] row = status.lines().filter(line -> line.startsWith("crashy")).findFirst().orElseThrow().trim().split("\\s+");
        assertTrue(Integer.parseInt(row[3]) <= 3, "bounded restarts: " + status);
    }

    @Test
    void infoDescribesTheServer() {
        ok(server.keeper("start", "web"));
        String info = ok(server.keeper("info")).text();
        for (String expected : List.of(Long.toString(server.pid()), dir.serverYml().toString(), "quiet",
                "127.0.0.1:" + dir.port(), "web")) {
            assertTrue(info.contains(expected), "info lacks " + expected + ":\n" + info);
        }
    }

    @Test
    void killStopsEveryChildThenTheServerExitsCleanly() {
        dir.sleeperChild("a", "");
        long web = pid(ok(server.keeper("start", "web")));
        long a = pid(ok(server.keeper("start", "a")));
        CliResult lastWords = ok(server.keeper("kill"));
        assertTrue(lastWords.text().contains("dying"), lastWords.toString());
        assertFalse(Proc.alive(web), "children are stopped before the reply");
        assertFalse(Proc.alive(a));
        assertEquals(0, server.awaitExit(WITHIN).orElseThrow());
    }

    @Test
    void childrenOutliveASigkilledServerAndTheNextServerAdoptsThem() {
        long web = pid(ok(server.keeper("start", "web")));
        server.kill9();
        assertTrue(Proc.alive(web), "a child survives the server's death");
        server = dir.start();
        assertTrue(ok(server.keeper("check", "web")).text().contains(Long.toString(web)), "re-adopted");
        ok(server.keeper("stop", "web"));
        Proc.awaitDead(web, WITHIN);
    }

    static CliResult ok(CliResult result) {
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }

    static long pid(CliResult result) {
        Matcher matcher = PID.matcher(result.text());
        assertTrue(matcher.find(), "no pid in: " + result);
        return Long.parseLong(matcher.group(1));
    }

    static long lastPid(CliResult result) {
        Matcher matcher = PID.matcher(result.text());
        long last = -1;
        while (matcher.find()) {
            last = Long.parseLong(matcher.group(1));
        }
        assertTrue(last > 0, "no pid in: " + result);
        return last;
    }

    private static long lineCount(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }

    private static long startOf(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().startInstant()).orElseThrow().toEpochMilli();
    }
}
