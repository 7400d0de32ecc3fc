package keeper.command.internal;

import static keeper.command.internal.LogTailTest.numbered;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFollowerTest {

    private static final int CHUNK = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void showsWhatIsAppendedInWholeLines() throws IOException {
        Path log = Files.writeString(dir.resolve("web.out.log"), numbered(1, 5));
        try (LogFollower follower = new LogFollower(log)) {
            assertEquals("", follower.poll(CHUNK));
            append(log, "line 6\nline 7 is not finished");
            assertEquals("line 6\n", follower.poll(CHUNK));
            append(log, " yet\n");
            assertEquals("line 7 is not finished yet\n", follower.poll(CHUNK));
        }
    }

    @Test
    void startsWhereATailEnded() throws IOException {
        Path log = Files.writeString(dir.resolve("web.out.log"), numbered(1, 5));
        LogFollower follower = new LogFollower(log);
        LogTail tail = LogTail.of(log, 2, CHUNK);
        append(log, "line 6\n");
        assertEquals(numbered(4, 5), tail.text());
        assertEquals("line 6\n", follower.from(tail.end()).poll(CHUNK));
        follower.close();
    }

    @Test
    void followsACopyTruncateRotationWithoutLosingOrRepeatingALine() throws IOException {
        Path log = Files.writeString(dir.resolve("web.out.log"), numbered(1, 3));
        try (LogFollower follower = new LogFollower(log)) {
            append(log, numbered(4, 6));
            assertEquals(numbered(4, 6), follower.poll(CHUNK));
            append(log, numbered(7, 9));
            copyTruncate(log);
            append(log, numbered(10, 11));
            assertEquals(numbered(7, 9), follower.poll(CHUNK));
            assertEquals(numbered(10, 11), follower.poll(CHUNK));
            assertEquals("", follower.poll(CHUNK));
        }
    }

    @Test
    void aRotationWhileTheRestOfTheCopyIsLargeIsReadInPieces() throws IOException {
        Path log = Files.writeString(dir.resolve("web.out.log"), "");
        try (LogFollower follower = new LogFollower(log)) {
            append(log, numbered(1, 20));
            copyTruncate(log);
            append(log, "after\n");
            StringBuilder seen = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                seen.append(follower.poll(32));
            }
            assertEquals(numbered(1, 20) + "after\n", seen.toString());
        }
    }

    @Test
    void aFileEmptiedWithoutACopyIsReadFromItsStart() throws IOException {
        Path log = Files.writeString(dir.resolve("web.out.log"), numbered(1, 3));
        try (LogFollower follower = new LogFollower(log)) {
            try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
                channel.truncate(0);
            }
            append(log, "fresh\n");
            assertEquals("fresh\n", follower.poll(CHUNK));
        }
    }

    @Test
    void aRotationByRenamingIsFollowedThroughTheRenamedFile() throws IOException {
        Path log = Files.writeString(dir.resolve("web.out.log"), numbered(1, 3));
        try (LogFollower follower = new LogFollower(log)) {
            append(log, numbered(4, 5));
            Files.move(log, log.resolveSibling("web.out.log.1"));
            Files.writeString(log, numbered(6, 20));
            StringBuilder seen = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                seen.append(follower.poll(CHUNK));
            }
            assertEquals(numbered(4, 20), seen.toString());
        }
    }

    @Test
    void aNewFileInThePlaceOfTheOldIsReadFromItsStart() throws IOException {
        Path log = Files.writeString(dir.resolve("web.out.log"), numbered(1, 3));
        try (LogFollower follower = new LogFollower(log)) {
            Path replacement = Files.writeString(dir.resolve("web.out.log.new"), numbered(1, 9));
            Files.move(replacement, log, StandardCopyOption.REPLACE_EXISTING);
            assertEquals(numbered(1, 9), follower.poll(CHUNK));
        }
    }

    @Test
    void aFileThatAppearsLaterIsFollowedFromItsStart() throws IOException {
        Path log = dir.resolve("later.log");
        try (LogFollower follower = new LogFollower(log)) {
            assertEquals("", follower.poll(CHUNK));
            append(log, "first\n");
            assertEquals("first\n", follower.poll(CHUNK));
        }
    }

    /** What keeper.process's CopyTruncate does: a new FILE.1 in place, then the file emptied. */
    private static void copyTruncate(Path log) throws IOException {
        Path copying = log.resolveSibling(log.getFileName() + ".rotating");
        Files.copy(log, copying, StandardCopyOption.REPLACE_EXISTING);
        Files.move(copying, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
    }

    private static void append(Path log, String text) throws IOException {
        Files.writeString(log, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
