package keeper.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerIdFileTest {

    @TempDir
    Path state;

    @Test
    void isCreatedOnceAndKeptForGood() throws IOException {
        String id = ServerIdFile.of(state);

        assertEquals(id, ServerIdFile.of(state));
        assertEquals(id + "\n", Files.readString(state.resolve(ServerIdFile.FILE)));
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), "a version 4 UUID: " + id);
        try (var files = Files.list(state)) {
            assertEquals(1, files.count(), "no temporary file is left");
        }
    }

    @Test
    void aDamagedIdIsReplaced() throws IOException {
        Files.write(state.resolve(ServerIdFile.FILE), new byte[] {(byte) 0xFF, 'x'});

        String id = ServerIdFile.of(state);

        assertNotEquals("", id);
        assertEquals(id, ServerIdFile.of(state));
    }
}
