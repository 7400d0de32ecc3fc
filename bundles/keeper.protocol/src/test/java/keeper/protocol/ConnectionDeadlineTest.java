package keeper.protocol;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import keeper.api.spi.auth.Envelope;
import keeper.api.spi.command.Caller;
import keeper.api.spi.command.Reply;

class ConnectionDeadlineTest {

    private final ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1);
    private Pipe pipe;

    @BeforeEach
    void openPipe() throws IOException {
        watchdog.setRemoveOnCancelPolicy(true);
        pipe = Pipe.open();
    }

    @AfterEach
    void closeAll() throws IOException {
        watchdog.shutdownNow();
        pipe.sink().close();
        pipe.source().close();
    }

    @Test
    void anArmedDeadlineClosesTheConnection() {
        new ConnectionDeadline(watchdog, Duration.ofMillis(20), pipe.source()).arm();

        await().atMost(Duration.ofSeconds(5)).until(() -> !pipe.source().isOpen());
    }

    @Test
    void aDisarmedDeadlineLeavesTheConnectionOpen() throws InterruptedException {
        ConnectionDeadline deadline = new ConnectionDeadline(watchdog, Duration.ofMillis(20), pipe.source());
        deadline.arm();
        deadline.disarm();

        // A shut-down watchdog still runs the delayed tasks it holds; only a cancelled one is skipped.
        watchdog.shutdown();
        assertTrue(watchdog.awaitTermination(5, TimeUnit.SECONDS));
        assertTrue(pipe.source().isOpen());
    }

    @Test
    void theClockStopsWhileTheCommandRunsAndRestartsForTheReply() {
        ConnectionDeadline deadline = new ConnectionDeadline(watchdog, Duration.ofMinutes(1), pipe.source());
        deadline.arm();

        Reply reply = deadline.pausedDuring((envelope, caller) -> Reply.ok("pending " + watchdog.getQueue().size()))
                .dispatch(new Envelope(1, "status", Map.of()), new Caller("test", "here", false));

        assertEquals(Reply.ok("pending 0"), reply);
        assertEquals(1, watchdog.getQueue().size());
    }
}
