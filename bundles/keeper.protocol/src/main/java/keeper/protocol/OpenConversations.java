package keeper.protocol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The open connections of a {@link RequestServer}, oldest first, counted per caller address for the
 * caps. Used by the selector thread only.
 */
final class OpenConversations {

    private final Set<Conversation> open = new LinkedHashSet<>();
    private final Map<String, Integer> perAddress = new HashMap<>();

    void add(Conversation conversation) {
        open.add(conversation);
        perAddress.merge(conversation.address, 1, Integer::sum);
    }

    /** False when it was not open (any more). */
    boolean remove(Conversation conversation) {
        if (!open.remove(conversation)) {
            return false;
        }
        perAddress.computeIfPresent(conversation.address, (address, count) -> count == 1 ? null : count - 1);
        return true;
    }

    boolean contains(Conversation conversation) {
        return open.contains(conversation);
    }

    int size() {
        return open.size();
    }

    boolean isEmpty() {
        return open.isEmpty();
    }

    int from(String address) {
        return perAddress.getOrDefault(address, 0);
    }

    /** The connection (from {@code address}, or from anywhere when null) that has been sending its request the longest. */
    Optional<Conversation> longestReading(String address) {
        for (Conversation oldest : open) {
            if (oldest.stage() == Conversation.Stage.READING && (address == null || address.equals(oldest.address))) {
                return Optional.of(oldest);
            }
        }
        return Optional.empty();
    }

    /** A copy, to go through while conversations finish. */
    List<Conversation> all() {
        return new ArrayList<>(open);
    }
}
