package keeper.command.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import keeper.api.Hook;
import keeper.api.HookFault.Link;
import keeper.api.HookFault.Problem;
import keeper.api.HookFault;
import keeper.api.Outcome.Action;
import keeper.api.Outcome;
import keeper.api.Refusal.Reason;
import keeper.api.Refusal;
import keeper.api.StopResult.End;
import keeper.api.StopResult;

class OutcomeWordsTest {

    private static final StopResult TERMINATED = new StopResult(41, End.TERMINATED, 143, Duration.ofMillis(12),
            Duration.ofSeconds(10), 0, List.of());

    @Test
    void startsStopsAndRestartsReadAsBefore() {
        assertEquals("web started (pid 42)", text(Outcome.done(Action.START, "web", 42, null)));
        assertEquals("web stopped (pid 41, SIGTERM, 12 ms)", text(Outcome.done(Action.STOP, "web", 0, TERMINATED)));
        assertEquals("web stopped (pid 41, SIGTERM, 12 ms)\nweb restarted (pid 42)",
                text(Outcome.done(Action.RESTART, "web", 42, TERMINATED)));
        assertEquals("web stopped (pid 41, SIGTERM, 12 ms)\nweb restarted (pid 42) by trystart: it was running",
                text(Outcome.done(Action.TRYSTART, "web", 42, TERMINATED)));
        assertEquals("web killed (pid 41): no exit 700 ms after SIGTERM, sent SIGKILL", text(Outcome.done(Action.STOP,
                "web", 0, new StopResult(41, End.KILLED_AFTER_TIMEOUT, 137, Duration.ofMillis(705), Duration.ofMillis(700), 0, List.of()))));
        assertEquals("web stopped: it was waiting to restart after it exited (exit code 1); the restart is cancelled",
                text(Outcome.done(Action.STOP, "web", 0,
                        new StopResult(0, End.RESTART_CANCELLED, 1, Duration.ZERO, Duration.ofSeconds(10), 0, List.of()))));
        assertEquals("web stopped (pid 41, SIGTERM, 1.5 s); 2 leftover processes ignored SIGTERM and were killed",
                text(Outcome.done(Action.STOP, "web", 0,
                        new StopResult(41, End.TERMINATED, 0, Duration.ofMillis(1500), Duration.ofSeconds(10), 2, List.of()))));
    }

    @Test
    void alreadyAndRefusalsSayWhy() {
        assertEquals("web is already running (pid 42)", text(Outcome.already(Action.START, "web", 42)));
        assertEquals("web is not running", text(Outcome.already(Action.STOP, "web", 0)));
        assertEquals("web is not running; use 'start web'", text(refused(Action.RESTART, Reason.NOT_RUNNING, null)));
        assertEquals("no child named 'web' in the load paths (/srv/a, /srv/b)",
                text(refused(Action.START, Reason.UNKNOWN_CHILD, "/srv/a, /srv/b")));
        assertEquals("web not started: cannot run './x': No such file or directory",
                text(refused(Action.START, Reason.SPAWN_FAILED, "cannot run './x': No such file or directory")));
        assertEquals("web not started: hook cycle: web -> db -> web",
                text(hookFault(Action.START, new HookFault(Problem.CYCLE, null, List.of("web", "db", "web"), null))));
        assertEquals("web not started: prehook 'start nowhere' of web: no child named 'nowhere' in the load paths",
                text(hookFault(Action.START, new HookFault(Problem.UNKNOWN_CHILD,
                        new Link(true, new Hook("start", "nowhere"), "web"), List.of(), null))));
        assertEquals("web not started: its hook chain is longer than 64 links (web -> l1 -> l2 -> ...); shorten it",
                text(hookFault(Action.START, new HookFault(Problem.TOO_LONG, null, List.of("web", "l1", "l2"), null))));
        assertEquals("web not stopped: posthook 'frob db' of web: unknown command 'frob'",
                text(hookFault(Action.STOP, new HookFault(Problem.UNKNOWN_COMMAND,
                        new Link(false, new Hook("frob", "db"), "web"), List.of(), null))));
        assertEquals("web not started: prehook 'start db' of api: the file of db could not be read (an error of the"
                + " server: its log says more)", text(hookFault(Action.START, new HookFault(Problem.BROKEN_CHILD_FILE,
                        new Link(true, new Hook("start", "db"), "api"), List.of(), null))));
        assertEquals("the file of web could not be read (an error of the server: its log says more)",
                text(refused(Action.START, Reason.INVALID_CONFIG, null)));
        assertEquals("'../x' is not a child name: use 1 to 64 letters, digits, '_' or '-', starting with a letter or digit",
                text(Outcome.refused(Action.START, null, Refusal.of(Reason.INVALID_NAME, "../x"))));
        assertEquals("no child name given", text(Outcome.refused(Action.STOP, null, Refusal.of(Reason.INVALID_NAME, ""))));
    }

    @Test
    void dependenciesReadBeforeTheirDependentAndSayWhyNotReady() {
        Outcome dbNotReady = refused("db", Action.START, Reason.NOT_READY,
                "not ready within 2 s: tcp 127.0.0.1:5432: connection refused (FATAL)");
        Outcome web = new Outcome(Outcome.Kind.REFUSED, Action.START, "web", 0, null,
                Refusal.of(Reason.DEPENDENCY_FAILED, "db"), List.of(dbNotReady), List.of(), null);
        assertEquals("db never became ready: not ready within 2 s: tcp 127.0.0.1:5432: connection refused (FATAL)\n"
                + "web not started: it depends on db, which is not ready", text(web));
        assertEquals("web not started: depends_on goes round in a circle: web -> api -> web",
                text(refused(Action.START, Reason.DEPENDENCY_CYCLE, "web -> api -> web")));
        assertEquals("nothing started: depends_on goes round in a circle: web -> api -> web",
                text(Outcome.refused(Action.START_ALL, null, Refusal.of(Reason.DEPENDENCY_CYCLE, "web -> api -> web"))));
        assertEquals("web not started: depends_on names a child no load path has: web -> ghost",
                text(refused(Action.START, Reason.UNKNOWN_DEPENDENCY, "web -> ghost")));
    }

    @Test
    void hooksReadInTheOrderTheyRan() {
        Outcome db = Outcome.done(Action.START, "db", 7, null);
        assertEquals("db started (pid 7)\nweb started (pid 42)",
                text(Outcome.done(Action.START, "web", 42, null).withHooks(List.of(db))));
        Outcome cleanup = Outcome.done(Action.START, "cleanup", 8, null);
        assertEquals("web stopped (pid 41, SIGTERM, 12 ms)\ncleanup started (pid 8)",
                text(Outcome.done(Action.STOP, "web", 0, TERMINATED).withHooks(List.of(cleanup))));
        Outcome dbFailed = refused("db", Action.START, Reason.SPAWN_FAILED, "cannot run 'x': Permission denied");
        assertEquals("web not started: prehook 'start db' of web failed: db not started: cannot run 'x': Permission denied",
                text(refused(Action.START, Reason.HOOK_FAILED, "start db").withHooks(List.of(dbFailed))));
    }

    @Test
    void manyChildrenReadOneLineEach() {
        assertEquals("no child was running", text(Outcome.ofAll(Action.STOP_ALL, List.of())));
        assertEquals("no child file in the load paths", text(Outcome.ofAll(Action.START_ALL, List.of())));
        Outcome all = Outcome.ofAll(Action.START_ALL, List.of(Outcome.done(Action.START, "a", 1, null),
                Outcome.already(Action.START, "b", 2)));
        assertEquals("a started (pid 1)\nb is already running (pid 2)", text(all));
        assertEquals(true, OutcomeWords.reply(all).ok(), "an already running child does not fail 'start all'");
        assertEquals("cannot list the children: /srv/a/x.yml: unreadable",
                text(Outcome.refused(Action.START_ALL, null, Refusal.of(Reason.INVALID_CONFIG, "/srv/a/x.yml: unreadable"))));
    }

    @Test
    void aStateNotRecordedIsAWarningAfterTheReply() {
        assertEquals("web started (pid 42)\nwarning: the running children could not be recorded (disk full); a"
                + " restarted server finds them by their marks in /proc only",
                text(Outcome.done(Action.START, "web", 42, null).withUnrecorded("disk full")));
        assertEquals("web not started: a stop all arrived during the start all",
                text(refused(Action.START, Reason.SUPERSEDED, null)));
    }

    private static Outcome refused(Action action, Reason reason, String detail) {
        return refused("web", action, reason, detail);
    }

    private static Outcome hookFault(Action action, HookFault fault) {
        return Outcome.refused(action, "web", Refusal.of(fault));
    }

    private static Outcome refused(String child, Action action, Reason reason, String detail) {
        return Outcome.refused(action, child, Refusal.of(reason, detail));
    }

    private static String text(Outcome outcome) {
        return OutcomeWords.text(outcome);
    }
}
