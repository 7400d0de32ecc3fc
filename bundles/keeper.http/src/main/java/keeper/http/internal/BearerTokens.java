package keeper.http.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The bearer tokens of {@code <state>/http-tokens} (docs/http.md): one per line, {@code #} comments. The
 * file is created with one random token, owner-only, the first time authentication is needed, and read
 * again when it changes, so a token is added or revoked without restarting anything. A file others may
 * read or write, or one without a token, is refused: the HTTP port then stays closed.
 */
final class BearerTokens {

    static final String FILE = "http-tokens";
    private static final Logger LOG = System.getLogger(BearerTokens.class.getName());
    private static final int TOKEN_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final int MAX_BYTES = 64 * 1024;

    private final Path file;
    private volatile Loaded loaded;

    private record Loaded(FileTime modified, long size, List<byte[]> digests) {
    }

    private BearerTokens(Path file, Loaded loaded) {
        this.file = file;
        this.loaded = loaded;
    }

    /** The tokens of {@code stateDir}'s file, which is created with one new token when absent. */
    static BearerTokens open(Path stateDir) throws IOException {
        Path file = stateDir.resolve(FILE);
        createWithOneToken(file);
        return new BearerTokens(file, load(file));
    }

    Path file() {
        return file;
    }

    /** Whether {@code token} is one of the file's, compared in constant time. */
    boolean accepts(String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        byte[] digest = sha256(token);
        boolean found = false;
        for (byte[] known : current().digests()) {
            found |= MessageDigest.isEqual(known, digest);
        }
        return found;
    }

    /** The file as it is now; one that became unusable accepts no token, so emptying it revokes them all. */
    private Loaded current() {
        Loaded last = loaded;
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (!modified.equals(last.modified()) || size != last.size()) {
                try {
                    loaded = load(file);
                } catch (IOException e) {
                    LOG.log(Level.ERROR, "every HTTP request is refused until this is fixed: " + e.getMessage());
                    loaded = new Loaded(modified, size, List.of());
                }
            }
        } catch (IOException e) {
            loaded = new Loaded(FileTime.fromMillis(0), -1, List.of());
        }
        return loaded;
    }

    private static void createWithOneToken(Path file) throws IOException {
        byte[] random = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            return;
        }
        Files.writeString(file, "# bearer tokens of Keeper's HTTP API, one per line (docs/http.md)\n" + token + "\n");
    }

    private static Loaded load(Path file) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
            throw new IOException(file + " may be read or written by others ("
                    + PosixFilePermissions.toString(permissions) + "); make it owner-only: chmod 600 " + file);
        }
        FileTime modified = Files.getLastModifiedTime(file);
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IOException(file + " is larger than " + MAX_BYTES + " bytes; it holds tokens, one per line");
        }
        List<byte[]> digests = new ArrayList<>();
        for (String line : new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n")) {
            String token = line.strip();
            if (!token.isEmpty() && !token.startsWith("#")) {
                digests.add(sha256(token));
            }
        }
        if (digests.isEmpty()) {
            throw new IOException(file + " holds no token; add one per line");
        }
        return new Loaded(modified, size, List.copyOf(digests));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
