package keeper.process.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.api.Rotation;

class CopyTruncateTest {

    @TempDir
    Path dir;

    @Test
    void aFileBelowItsLimitIsNotDue() throws IOException {
        Path log = Files.writeString(dir.resolve("web.out.log"), "short\n");
        assertFalse(CopyTruncate.due(Files.size(log), new Rotation(100, 3)));
        assertTrue(CopyTruncate.due(100, new Rotation(100, 3)), "due at the limit");
    }

    @Test
    void aRotationOfZeroBytesIsNeverDue() {
        assertFalse(CopyTruncate.due(1000, new Rotation(0, 3)));
    }

    @Test
    void rotationAtTheLimitKeepsExactlyTheBackupCountNewestFirst() throws IOException {
        Path log = dir.resolve("web.out.log");
        Rotation rotation = new Rotation(10, 3);
        for (int round = 1; round <= 5; round++) {
            Files.writeString(log, "round " + round + " of ten bytes or more\n");
            assertTrue(CopyTruncate.due(Files.size(log), rotation));
            CopyTruncate.rotate(log, rotation.backups());
            assertEquals(0, Files.size(log));
        }
        assertEquals("round 5 of ten bytes or more\n", Files.readString(CopyTruncate.backup(log, 1)));
        assertEquals("round 4 of ten bytes or more\n", Files.readString(CopyTruncate.backup(log, 2)));
        assertEquals("round 3 of ten bytes or more\n", Files.readString(CopyTruncate.backup(log, 3)));
        assertFalse(Files.exists(CopyTruncate.backup(log, 4)));
        try (var files = Files.list(dir)) {
            assertEquals(4, files.count(), "the log and three backups, no leftover copy");
        }
    }

    @Test
    void noBackupsEmptiesTheFileInPlace() throws IOException {
        Path log = Files.writeString(dir.resolve("web.err.log"), "x".repeat(100));
        CopyTruncate.rotate(log, 0);
        assertEquals(0, Files.size(log));
        assertFalse(Files.exists(CopyTruncate.backup(log, 1)));
    }
}
