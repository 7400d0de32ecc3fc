package keeper.config.yaml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ParsedFilesTest extends ConfigDirFixture {

    /** A clock a minute ahead: every file written by the test has settled by its time. */
    private static final Clock LATER = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1));

    private final AtomicInteger parses = new AtomicInteger();

    private String read(Path file) {
        parses.incrementAndGet();
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anUnchangedFileCostsOneParse() throws Exception {
        Path file = dir.write("a.yml", "command: a");
        ParsedFiles<String> files = new ParsedFiles<>(LATER, ParsedFiles.CAPACITY);
        for (int i = 0; i < 5; i++) {
            assertEquals("command: a\n", files.get(file, this::read));
        }
        assertEquals(1, parses.get());
    }

    @Test
    void aSameSizeEditThatPutsTheModificationTimeBackIsReadAgain() throws Exception {
        Path file = dir.write("a.yml", "command: aaa");
        FileTime written = Files.getLastModifiedTime(file);
        ParsedFiles<String> files = new ParsedFiles<>(LATER, ParsedFiles.CAPACITY);
        assertEquals("command: aaa\n", files.get(file, this::read));
        dir.write("a.yml", "command: bbb");
        Files.setLastModifiedTime(file, written);
        assertEquals(written, Files.getLastModifiedTime(file), "same size, same modification time: only ctime moved");
        assertEquals("command: bbb\n", files.get(file, this::read));
    }

    @Test
    void aFileChangedWithinAClockTickOfItsReadIsReadAgainUntilItSettles() throws Exception {
        Path file = dir.write("a.yml", "command: a");
        Instant changed = Files.getLastModifiedTime(file).toInstant();
        ParsedFiles<String> justNow = new ParsedFiles<>(Clock.fixed(changed, ZoneOffset.UTC), ParsedFiles.CAPACITY);
        justNow.get(file, this::read);
        justNow.get(file, this::read);
        assertEquals(2, parses.get(), "a second write in the same tick would keep the stamp: not trusted");
        ParsedFiles<String> later = new ParsedFiles<>(LATER, ParsedFiles.CAPACITY);
        later.get(file, this::read);
        later.get(file, this::read);
        assertEquals(3, parses.get());
    }

    @Test
    void holdsAtMostItsCapacityAndStillServesEveryFile() throws Exception {
        ParsedFiles<String> files = new ParsedFiles<>(LATER, 3);
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            written.add(dir.write("c" + i + ".yml", "command: c" + i));
        }
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < written.size(); i++) {
                assertEquals("command: c" + i + "\n", files.get(written.get(i), this::read));
                assertTrue(files.size() <= 3, "size " + files.size());
            }
        }
    }

    @Test
    void fileTimesInWholeSecondsNeedLongerToSettle() {
        long second = 1_700_000_000L * 1_000_000_000L;
        FileStamp coarse = new FileStamp(1, 2, 3, second, second);
        FileStamp fine = new FileStamp(1, 2, 3, second + 123_456_789, second + 123_456_789);
        Instant oneSecondOn = Instant.ofEpochSecond(1_700_000_001L, 200_000_000);
        assertFalse(coarse.settledBefore(oneSecondOn));
        assertTrue(fine.settledBefore(oneSecondOn));
        assertTrue(coarse.settledBefore(oneSecondOn.plusSeconds(2)));
        assertFalse(fine.settledBefore(Instant.ofEpochSecond(1_700_000_000L, 150_000_000)));
    }
}
