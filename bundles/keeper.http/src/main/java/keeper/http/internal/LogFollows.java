package keeper.http.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.AsyncContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import keeper.api.spi.command.ReplyFeed;
import keeper.protocol.Json;

/**
 * Followed logs ({@code GET /api/children/NAME/log?follow=1}) as Server-Sent Events: the {@code logs --follow}
 * command's feed is asked for more by one timer thread a few times a second, and what it gives goes out as
 * {@code lines} events, whole lines only. An idle stream gets a comment every few seconds, so a client that went
 * away is noticed and its file closed. Only the timer thread touches a feed, as {@link ReplyFeed} asks.
 */
@Component(service = LogFollows.class)
public final class LogFollows {

    static final int MAX_FOLLOWS = 16;
    private static final long PERIOD_MILLIS = 200;
    private static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int CHUNK = 64 * 1024;
    private static final String HEARTBEAT = ":\n\n";

    private final Set<Follow> follows = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("keeper-http-logs"));
    private final ExecutorService writers = DaemonThreads.writers("keeper-http-log-writer", MAX_FOLLOWS);

    @Activate
    public LogFollows() {
        timer.scheduleWithFixedDelay(this::tick, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(PERIOD_MILLIS * 10, TimeUnit.MILLISECONDS);
        follows.forEach(Follow::end);
        writers.shutdownNow();
    }

    /**
     * Streams {@code tail} and then what {@code feed} gives on {@code async}; false (and the feed closed) when
     * {@value #MAX_FOLLOWS} logs are followed already.
     */
    boolean follow(AsyncContext async, String tail, ReplyFeed feed) {
        synchronized (follows) {
            if (follows.size() >= MAX_FOLLOWS) {
                feed.close();
                return false;
            }
            // the timer's tick closes the feed of a stream that closed, so nothing is told here
            Follow follow = new Follow(feed, new EventStream(async, writers, stream -> { }));
            follow.send(tail);
            follows.add(follow);
        }
        return true;
    }

    private void tick() {
        for (Follow follow : follows) {
            if (follow.stream.isClosed()) {
                follow.end();
                continue;
            }
            try {
                String text = follow.feed.poll(CHUNK);
                if (!text.isEmpty()) {
                    follow.send(text);
                } else if (System.nanoTime() - follow.lastSent > HEARTBEAT_NANOS) {
                    follow.stream.send(HEARTBEAT);
                    follow.lastSent = System.nanoTime();
                }
            } catch (Exception e) {
                follow.stream.send("event: end\ndata: " + Json.object().put("error", String.valueOf(e.getMessage())) + "\n\n");
                follow.stream.close();
                follow.end();
            }
        }
    }

    /** One followed log: its feed, its stream, and the start of a line not yet ended. */
    private final class Follow {
        private final ReplyFeed feed;
        private final EventStream stream;
        private String pending = "";
        private long lastSent = System.nanoTime();

        Follow(ReplyFeed feed, EventStream stream) {
            this.feed = feed;
            this.stream = stream;
        }

        /** Sends the whole lines of {@code text}, keeping an unended last line for the next piece. */
        void send(String text) {
            List<String> lines = new ArrayList<>(List.of((pending + text).split("\n", -1)));
            pending = lines.remove(lines.size() - 1);
            if (pending.length() > CHUNK) {
                lines.add(pending);
                pending = "";
            }
            if (!lines.isEmpty()) {
                stream.send(LogLines.event(lines));
                lastSent = System.nanoTime();
            }
        }

        void end() {
            if (follows.remove(this)) {
                feed.close();
            }
        }
    }
}
