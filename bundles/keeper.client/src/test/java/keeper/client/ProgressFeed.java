package keeper.client;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import keeper.api.spi.command.Reply;
import keeper.api.spi.command.ReplyFeed;

/**
 * A long command's progress as a server streams it: a line at every poll, then {@code last} once it was polled
 * {@code polls} times. The server polls every 200 ms, so 12 polls outlast a client timeout of 1 s twice over.
 */
public final class ProgressFeed implements ReplyFeed {

    private final int polls;
    private final Reply last;
    private final AtomicInteger polled = new AtomicInteger();

    public ProgressFeed(int polls, Reply last) {
        this.polls = polls;
        this.last = last;
    }

    /** The reply a server gives to a request with {@code --progress}: this feed, after a first line. */
    public static Reply reply(int polls, Reply last) {
        return Reply.followed("started 0 of " + polls + "\n", new ProgressFeed(polls, last));
    }

    @Override
    public String poll(int maxBytes) {
        int done = polled.incrementAndGet();
        return done <= polls ? "started " + done + " of " + polls + "\n" : "";
    }

    @Override
    public Optional<Reply> end() {
        return polled.get() > polls ? Optional.of(last) : Optional.empty();
    }

    @Override
    public void close() {
    }
}
