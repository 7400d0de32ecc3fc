package keeper.command.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

import keeper.api.spi.command.CommandOptions;
import keeper.api.spi.command.KeeperCommand;

/**
 * The KeeperCommand whiteboard as seen by one component: command word to service. When two services
 * claim the same word, the one with the highest {@code service.ranking} wins (then the lowest
 * {@code service.id}, as OSGi orders services), so a plugin can override a built-in by ranking.
 * Thread-safe: services come and go while requests are served.
 */
final class CommandRegistry {

    private static final Comparator<Entry> PRECEDENCE = Comparator.comparingInt(Entry::ranking).reversed()
            .thenComparingLong(Entry::serviceId);

    /** One command service: its word, precedence, and the option words it declared ({@link CommandOptions}). */
    record Entry(String name, int ranking, long serviceId, KeeperCommand command, List<String> options) {
    }

    private final ConcurrentSkipListSet<Entry> entries = new ConcurrentSkipListSet<>(
            Comparator.comparing(Entry::name).thenComparing(PRECEDENCE));

    /** Orders services registered without a {@code service.id} (outside OSGi) after every real one. */
    private final AtomicLong unregistered = new AtomicLong(Long.MAX_VALUE / 2);

    /** Adds a command service with its service properties. Without a {@code keeper.command} word it is ignored. */
    void add(KeeperCommand command, Map<String, ?> properties) {
        Object name = properties.get(KeeperCommand.NAME);
        if (name instanceof String word && !word.isBlank()) {
            entries.add(new Entry(word.strip().toLowerCase(Locale.ROOT), ranking(properties),
                    serviceId(properties), command, options(properties.get(CommandOptions.NAME))));
        }
    }

    void remove(KeeperCommand command) {
        entries.removeIf(entry -> entry.command() == command);
    }

    /** The winning command for {@code name}, with the options it takes. */
    Optional<Entry> find(String name) {
        return entries.stream().filter(entry -> entry.name().equals(name)).findFirst();
    }

    /** Every command word with its winning command, sorted by word. */
    SortedMap<String, Entry> commands() {
        SortedMap<String, Entry> commands = new TreeMap<>();
        entries.forEach(entry -> commands.putIfAbsent(entry.name(), entry));
        return commands;
    }

    private static List<String> options(Object declared) {
        if (declared instanceof String[] words) {
            return List.of(words);
        }
        if (declared instanceof Collection<?> words) {
            return words.stream().map(String::valueOf).toList();
        }
        return declared instanceof String word ? List.of(word) : List.of();
    }

    private static int ranking(Map<String, ?> properties) {
        return properties.get("service.ranking") instanceof Integer ranking ? ranking : 0;
    }

    private long serviceId(Map<String, ?> properties) {
        return properties.get("service.id") instanceof Long id ? id : unregistered.incrementAndGet();
    }
}
