package keeper.process.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * {@code <state>/run/children.tsv}: the running children (name, pid, process start instant) and
 * the server process that wrote the file, so that a server started again after a crash finds its
 * children and re-adopts them. The start instant tells a child from an unrelated process that got
 * the same pid later. Written whole to a temporary file, flushed to disk, and renamed over the old
 * one (the directory flushed too), so that neither a reader nor a crash ever sees half a table.
 * Read line by line: a damaged line is skipped and every good one kept. The file is not the only
 * way back to the children ({@link ChildMarks}), but it is the fast one.
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
    private final AtomicLong writes = new AtomicLong();
    private volatile String problem;

    StateFile(Path file, String server) {
        this.file = file;
        this.server = server;
    }

    Contents read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Contents("", List.of());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot read {0}: {1}; children are looked for by their marks only", file,
                    IoReasons.of(e));
            return new Contents("", List.of());
        }
        String writer = "";
        List<Entry> entries = new ArrayList<>();
        List<byte[]> lines = lines(bytes);
        for (int number = 1; number <= lines.size(); number++) {
            Optional<String> line = decode(lines.get(number - 1));
            String[] fields = line.map(text -> text.split("\t", -1)).orElse(new String[0]);
            if (fields.length == 2 && fields[0].equals(SERVER)) {
                writer = fields[1];
            } else if (line.isEmpty() || !line.get().isBlank()) {
                int at = number;
                parse(fields).ifPresentOrElse(entries::add,
                        () -> LOG.log(Level.WARNING, "{0}: line {1} is damaged; skipped", file, at));
            }
        }
        return new Contents(writer, List.copyOf(entries));
    }

    /** Why the last write failed, or empty when it succeeded. */
    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    private static List<byte[]> lines(byte[] bytes) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (i > start || i < bytes.length) {
                    lines.add(Arrays.copyOfRange(bytes, start, i));
                }
                start = i + 1;
            }
        }
        return lines;
    }

    /** The line as strict UTF-8, or empty when it is not (a damaged byte). */
    private static Optional<String> decode(byte[] line) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
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

    /** How many times the file was written (or tried). */
    long writes() {
        return writes.get();
    }

    private void write(List<Entry> entries) {
        writes.incrementAndGet();
        StringBuilder text = new StringBuilder(SERVER).append('\t').append(server).append('\n');
        for (Entry entry : entries) {
            text.append(entry.name()).append('\t').append(entry.pid()).append('\t').append(entry.startedAt()).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                directory.force(true);
            }
            if (problem != null) {
                LOG.log(Level.INFO, "{0} is written again", file);
            }
            problem = null;
        } catch (IOException e) {
            problem = file + ": " + IoReasons.of(e);
            LOG.log(Level.WARNING, "cannot write {0}: {1}; a restarted server finds these children by their marks"
                    + " only", file, IoReasons.of(e));
        }
    }

    private static Optional<Entry> parse(String[] fields) {
        if (fields.length != 3 || !ChildNames.valid(fields[0])) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(fields[1]);
            return pid > 0 ? Optional.of(new Entry(fields[0], pid, Instant.parse(fields[2]))) : Optional.empty();
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
