package keeper.process.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code <state>/server-id}: a random id created once per state directory and kept for good, so that
 * every server run on that directory recognises the children it marked (see {@link ChildMarks}).
 * Created whole under a temporary name and linked into place, so that two servers racing on a new
 * directory agree on one id and no reader sees half of it. In the runtime the launcher has made the
 * file already and publishes its id ({@code keeper.server.id}); this is for a supervisor without one.
 */
final class ServerId {

    static final String FILE = "server-id";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9-]{8,64}");

    private ServerId() {
    }

    /** The id of {@code stateDir}, created when it has none (or an unreadable one, which is replaced). */
    static String of(Path stateDir) throws IOException {
        Path file = stateDir.resolve(FILE);
        Optional<String> existing = read(file);
        if (existing.isPresent()) {
            return existing.get();
        }
        Files.createDirectories(stateDir);
        Path written = Files.createTempFile(stateDir, FILE, ".tmp");
        try {
            Files.writeString(written, UUID.randomUUID() + "\n", US_ASCII);
            try {
                Files.createLink(file, written);
            } catch (FileAlreadyExistsException e) {
                Optional<String> raced = read(file);
                if (raced.isPresent()) {
                    return raced.get();
                }
                Files.move(written, file, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(written);
        }
        return read(file).orElseThrow(() -> new IOException(file + " is unreadable right after it was written"));
    }

    private static Optional<String> read(Path file) throws IOException {
        try {
            String id = Files.readString(file, US_ASCII).trim();
            return VALID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
