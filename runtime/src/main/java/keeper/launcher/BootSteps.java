package keeper.launcher;

import java.util.ArrayList;
import java.util.List;

/**
 * Where one boot's time went, step by step, for the server log's ready line (docs/boot.md reads it): the
 * JVM and the launcher until the runtime is booted, then each step of the framework until the first
 * listener is up. Steps are timed with {@link System#nanoTime}; the first is taken from /proc.
 */
final class BootSteps {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final long sinceJvmStartMillis;
    private final List<String> names = new ArrayList<>();
    private final List<Long> ends = new ArrayList<>();
    private long last = System.nanoTime();

    BootSteps() {
        sinceJvmStartMillis = Launcher.sinceJvmStart();
    }

    /** Ends the step {@code name}, begun where the previous one ended. */
    void done(String name) {
        names.add(name);
        ends.add(System.nanoTime());
    }

    /** {@code JVM and launcher 80 ms, framework init 12 ms, ...}. */
    String summary() {
        StringBuilder text = new StringBuilder("JVM and launcher ").append(sinceJvmStartMillis).append(" ms");
        long previous = last;
        for (int i = 0; i < names.size(); i++) {
            text.append(", ").append(names.get(i)).append(' ')
                    .append((ends.get(i) - previous) / NANOS_PER_MILLI).append(" ms");
            previous = ends.get(i);
        }
        return text.toString();
    }
}
