package keeper.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerTokensTest {

    @TempDir
    Path state;

    @Test
    void theFileIsCreatedOwnerOnlyWithOneRandomTokenThatIsAccepted() throws Exception {
        BearerTokens tokens = BearerTokens.open(state);
        Path file = state.resolve("http-tokens");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        List<String> lines = tokenLines(file);
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).length() >= 40, "32 random bytes: " + lines.get(0));
        assertTrue(tokens.accepts(lines.get(0)));
        assertFalse(tokens.accepts(lines.get(0) + "x"));
        assertFalse(tokens.accepts(""));
        assertFalse(tokens.accepts(null));
        assertFalse(tokens.accepts("# bearer tokens of Keeper's HTTP API, one per line (docs/http.md)"));
        String second = tokenLines(BearerTokens.open(Files.createDirectory(state.resolve("other"))).file()).get(0);
        assertFalse(second.equals(lines.get(0)), "each file gets its own token");
    }

    @Test
    void anExistingFileIsKeptAndReadAgainWhenItChanges() throws Exception {
        Path file = write("alpha\n");
        BearerTokens tokens = BearerTokens.open(state);
        assertTrue(tokens.accepts("alpha"));
        rewrite(file, "alpha\nbravo-2\n");
        assertTrue(tokens.accepts("bravo-2"), "a token is added without a restart");
        rewrite(file, "# all revoked\n");
        assertFalse(tokens.accepts("alpha"), "a file without tokens accepts none: it fails closed");
    }

    @Test
    void aFileOthersMayReadOrOneWithoutTokensIsRefused() throws Exception {
        Path file = write("alpha\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        IOException open = assertThrows(IOException.class, () -> BearerTokens.open(state));
        assertTrue(open.getMessage().contains("chmod 600 " + file), open.getMessage());
        rewrite(file, "\n# nothing\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertTrue(assertThrows(IOException.class, () -> BearerTokens.open(state)).getMessage().contains("holds no token"));
    }

    private Path write(String text) throws IOException {
        Path file = Files.createFile(state.resolve("http-tokens"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(file, text);
    }

    /** A rewrite whose stamp surely differs, whatever the file system's time resolution. */
    private static void rewrite(Path file, String text) throws IOException {
        FileTime before = Files.getLastModifiedTime(file);
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusSeconds(2)));
    }

    private static List<String> tokenLines(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }
}
