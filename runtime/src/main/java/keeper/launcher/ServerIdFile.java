package keeper.launcher;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

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
 * {@code <state>/server-id}: a random id created once per state directory and kept for good. The
 * launcher publishes it as {@code keeper.server.id}: signed requests name the server they are for with
 * it, and children are marked with it. Created whole under a temporary name and linked into place, so
 * two servers racing on a new directory agree on one id and no reader sees half of it.
 */
final class ServerIdFile {

    static final String FILE = "server-id";
    private static final Path URANDOM = Path.of("/dev/urandom");
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9-]{8,64}");

    private ServerIdFile() {
    }

    /** The id of {@code stateDir}, created when it has none (or an unreadable one, which is replaced). */
    static String of(Path stateDir) throws IOException {
        Path file = stateDir.resolve(FILE);
        Optional<String> existing = read(file);
        if (existing.isPresent()) {
            return existing.get();
        }
        Files.createDirectories(stateDir);
        // Named by pid, not by Files.createTempFile, whose SecureRandom costs a new server's boot its set-up
        Path written = stateDir.resolve(FILE + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.writeString(written, newId() + "\n", US_ASCII);
            try {
                Files.createLink(file, written);
            } catch (FileAlreadyExistsException e) {
                Optional<String> raced = read(file);
                if (raced.isPresent()) {
                    return raced.get();
                }
                Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(written);
        }
        return read(file).orElseThrow(() -> new IOException(file + " is unreadable right after it was written"));
    }

    /**
     * A random (version 4) UUID from the kernel's random source, read directly: UUID.randomUUID() would
     * set up a SecureRandom (provider, seeding, a digest) for these 16 bytes alone.
     */
    private static String newId() {
        byte[] bytes;
        try (InputStream source = Files.newInputStream(URANDOM)) {
            bytes = source.readNBytes(16);
        } catch (IOException e) {
            bytes = new byte[0];
        }
        if (bytes.length < 16) {
            return UUID.randomUUID().toString();
        }
        ByteBuffer random = ByteBuffer.wrap(bytes);
        long high = random.getLong() & ~0xf000L | 0x4000L;
        long low = random.getLong() & ~(0xc000L << 48) | (0x8000L << 48);
        return new UUID(high, low).toString();
    }

    private static Optional<String> read(Path file) throws IOException {
        try {
            String id = Files.readString(file, US_ASCII).trim();
            return VALID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
        } catch (NoSuchFileException | CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
