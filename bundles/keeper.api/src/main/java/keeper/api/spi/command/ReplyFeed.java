package keeper.api.spi.command;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The rest of a reply that goes on (e.g. {@code logs web --follow}, or the progress of a long {@code start all}):
 * after the reply's text, the front end asks the feed for more on its own schedule, from one thread at a time, and
 * sends what it gets, until the feed {@linkplain #end() ends}, the peer hangs up or the server stops; then it calls
 * {@link #close()}. A feed never blocks and holds no thread of its own.
 */
@ConsumerType
public interface ReplyFeed extends AutoCloseable {

    /**
     * What is new since the last call, at most about {@code maxBytes} of UTF-8 (whole lines where it can), or
     * the empty string when nothing is. An exception ends the feed: the front end tells the peer its message.
     */
    String poll(int maxBytes) throws Exception;

    /**
     * The reply that ends the stream, once the feed has given all it had (the long command it reports on is done);
     * empty while it goes on. Asked after a {@link #poll} that gave nothing. A feed that goes on until the peer
     * hangs up (a followed log) keeps this default.
     *
     * @since 2.2
     */
    default Optional<Reply> end() {
        return Optional.empty();
    }

    /** Releases what the feed holds (an open file); called once, also when {@link #poll} failed. */
    @Override
    void close();
}
