package keeper.command.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.api.AutoRestart;
import keeper.api.ChildSpec;
import keeper.api.ChildState;
import keeper.api.ChildStatus;
import keeper.api.spi.command.Caller;
import keeper.api.spi.command.Reply;
import keeper.api.spi.command.Request;

class LogsCommandTest {

    private static final Caller CALLER = new Caller("tcp", "127.0.0.1:40000", false);

    @TempDir
    Path state;

    private final FakeSupervisor supervisor = new FakeSupervisor();
    private LogsCommand logs;
    private Path out;
    private Path err;

    @BeforeEach
    void aRunningChildWithDefaultLogFiles() throws IOException {
        ChildSpec spec = new ChildSpec("web", state.resolve("children/web.yml"), "web", List.of("web"), null, Map.of(),
                null, null, null, null, null, AutoRestart.NEVER, 3, Duration.ofSeconds(10));
        supervisor.known = List.of(new ChildStatus("web", ChildState.RUNNING, 42, null, null, 0, spec));
        logs = new LogsCommand(supervisor, new ServerOnlyConfig(() -> FakeSupervisor.config(false)), state);
        out = Files.createDirectories(state.resolve("logs")).resolve("web.out.log");
        err = state.resolve("logs/web.err.log");
        Files.writeString(out, LogTailTest.numbered(1, 30));
        Files.writeString(err, "boom\n");
    }

    @Test
    void tenLastLinesOfStdoutByDefaultWithoutTheClosingNewline() {
        assertEquals(Reply.ok(LogTailTest.numbered(21, 30).stripTrailing()), run("web"));
    }

    @Test
    void linesAndStderrAsAsked() {
        assertEquals(Reply.ok("line 29\nline 30"), run("web", "--lines=2"));
        assertEquals(Reply.ok("boom"), run("web", "--stderr"));
    }

    @Test
    void badLineCountsAndValuesOnOtherOptionsAreUsageErrors() {
        for (List<String> options : List.of(List.of("--lines=0"), List.of("--lines=10001"), List.of("--lines=ten"),
                List.of("--lines"), List.of("--follow=yes"))) {
            Reply reply = run("web", options.toArray(String[]::new));
            assertFalse(reply.ok(), options.toString());
            assertTrue(reply.text().startsWith("usage: logs <child>"), reply.text());
        }
    }

    @Test
    void anUnknownChildIsNamed() {
        Reply reply = run("nobody");
        assertFalse(reply.ok());
        assertTrue(reply.text().contains("no child named 'nobody'"), reply.text());
    }

    @Test
    void followAnswersTheTailThenAFeedOfWhatComesNext() throws Exception {
        Reply reply = run("web", "--follow", "--lines=1");
        assertEquals("line 30\n", reply.text());
        assertNotNull(reply.feed());
        try (var feed = reply.feed()) {
            assertEquals("", feed.poll(1024));
            Files.writeString(out, "line 31\n", StandardOpenOption.APPEND);
            assertEquals("line 31\n", feed.poll(1024));
        }
        assertNull(run("web").feed(), "only --follow goes on");
    }

    private Reply run(String child, String... options) {
        return logs.execute(new Request("logs", child, List.of(options)), CALLER);
    }
}
