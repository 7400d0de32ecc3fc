package keeper.process.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * {@code <state>/run/children.tsv}: the running children (name, pid, process start instant) and
 * the server process that wrote the file, so that a server started again after a crash finds its
 * children and re-adopts them. The start instant tells a child from an unrelated process that got
 * the same pid later. Written whole to a temporary file and renamed over the old one, so a reader
 * never sees half a table.
 */
final class StateFile {

    private static final Logger LOG = System.getLogger(StateFile.class.getName());
    private static final String SERVER = "#server";

    record Entry(String name, long pid, Instant startedAt) {
    }

    /**
     * @param server  identity of the server process that wrote the file, or empty
     * @param entries the children that ran then
     */
    record Contents(String server, List<Entry> entries) {
    }

    private final Path file;
    private final String server;
    private final AtomicLong changes = new AtomicLong();
    private long saved;

    StateFile(Path file, String server) {
        this.file = file;
        this.server = server;
    }

    Contents read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Contents("", List.of());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot read {0}: {1}; no child is re-adopted", file, IoReasons.of(e));
            return new Contents("", List.of());
        }
        String writer = "";
        List<Entry> entries = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.split("\t", -1);
            if (fields.length == 2 && fields[0].equals(SERVER)) {
                writer = fields[1];
            } else if (!line.isBlank()) {
                parse(fields).ifPresentOrElse(entries::add,
                        () -> LOG.log(Level.WARNING, "{0}: ignoring malformed line ''{1}''", file, line));
            }
        }
        return new Contents(writer, List.copyOf(entries));
    }

    /**
     * Writes the table as {@code snapshot} gives it. Concurrent callers are coalesced: a caller whose
     * change a write already covers returns without writing again.
     */
    void save(Supplier<List<Entry>> snapshot) {
        long change = changes.incrementAndGet();
        synchronized (this) {
            if (saved >= change) {
                return;
            }
            long covered = changes.get();
            write(snapshot.get());
            saved = covered;
        }
    }

    private void write(List<Entry> entries) {
        StringBuilder text = new StringBuilder(SERVER).append('\t').append(server).append('\n');
        for (Entry entry : entries) {
            text.append(entry.name()).append('\t').append(entry.pid()).append('\t').append(entry.startedAt()).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot write {0}: {1}; a restarted server will not find these children",
                    file, IoReasons.of(e));
        }
    }

    private static Optional<Entry> parse(String[] fields) {
        if (fields.length != 3 || ChildNames.problem(fields[0]).isPresent()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Entry(fields[0], Long.parseLong(fields[1]), Instant.parse(fields[2])));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
