package keeper.command.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import keeper.api.ChildState;
import keeper.api.ChildStatus;
import keeper.api.spi.command.Caller;
import keeper.api.spi.command.Reply;
import keeper.api.spi.command.ReplyFeed;
import keeper.api.spi.command.Request;

/** {@code --progress}: a long start all answers with progress lines, then the reply it gives without the option. */
class ProgressTest {

    private static final Caller CALLER = new Caller("tcp", "127.0.0.1:40000", false);
    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final Request START_ALL_WITH_PROGRESS = new Request("start", "all", List.of(Progress.OPTION));

    private final FakeSupervisor supervisor = new FakeSupervisor();

    @Test
    void aStartAllThatTakesLongStreamsHowManyRunThenTheReplyItGivesWithoutTheOption() throws Exception {
        supervisor.startAllGate = new CountDownLatch(1);
        supervisor.known = List.of(child("db", ChildState.RUNNING), child("web", ChildState.RUNNING),
                child("worker", ChildState.STOPPED));
        StartCommand command = new StartCommand(supervisor, new Progress(Duration.ofMillis(20), Duration.ZERO));

        Reply first = command.execute(START_ALL_WITH_PROGRESS, CALLER);

        ReplyFeed feed = first.feed();
        assertNotNull(feed, "a start all still running after the patience answers with a stream");
        assertEquals("start all: 2 of 3 children running (0 s)\n", first.text());
        assertTrue(feed.end().isEmpty());
        supervisor.known = List.of(child("web", ChildState.STOPPING));
        assertEquals("start all: 1 of 1 child running (0 s)\n", feed.poll(1024));

        supervisor.startAllGate.countDown();
        await().atMost(WITHIN).until(() -> feed.end().isPresent());
        assertEquals("", feed.poll(1024), "no progress line once the work is done");
        Reply without = new StartCommand(supervisor).execute(new Request("start", "all"), CALLER);
        assertEquals(without, feed.end().get());
        assertEquals("web started (pid 42)", feed.end().get().text());
        feed.close();
    }

    private static ChildStatus child(String name, ChildState state) {
        return new ChildStatus(name, state, state == ChildState.STOPPED ? 0 : 42, null, null, 0, null);
    }

    @Test
    void workDoneWithinThePatienceIsAnsweredWholeAsWithoutTheOption() {
        StartCommand command = new StartCommand(supervisor, new Progress(WITHIN, Duration.ofSeconds(1)));

        Reply reply = command.execute(new Request("start", "web", List.of(Progress.OPTION)), CALLER);

        assertNull(reply.feed());
        assertEquals(Reply.ok("web started (pid 42)"), reply);
        assertEquals(List.of("start web"), supervisor.calls);
    }

    @Test
    void theIntervalSpacesTheLines() throws Exception {
        supervisor.startAllGate = new CountDownLatch(1);
        StartCommand command = new StartCommand(supervisor, new Progress(Duration.ofMillis(20), Duration.ofHours(1)));

        ReplyFeed feed = command.execute(START_ALL_WITH_PROGRESS, CALLER).feed();

        assertEquals("", feed.poll(1024), "the next line is an hour away");
        supervisor.startAllGate.countDown();
        await().atMost(WITHIN).until(() -> feed.end().isPresent());
    }

    @Test
    void aStopAllFailingAfterThePatienceEndsTheStreamWithTheFailureInWords() {
        Progress progress = new Progress(Duration.ofMillis(20), Duration.ZERO);
        CountDownLatch gate = new CountDownLatch(1);

        Reply first = progress.run(new Request("stop", "all", List.of(Progress.OPTION)), () -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the table is gone");
        }, () -> "3 children running");

        assertEquals("stop all: 3 children running (0 s)\n", first.text());
        gate.countDown();
        await().atMost(WITHIN).until(() -> first.feed().end().isPresent());
        assertEquals(Reply.error("'stop all' failed: the table is gone"), first.feed().end().get());
    }
}
