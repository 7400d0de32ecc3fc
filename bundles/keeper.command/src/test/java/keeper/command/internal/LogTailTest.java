package keeper.command.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @TempDir
    Path dir;

    @Test
    void theLastLinesAndWhereTheFileEnded() throws IOException {
        Path log = Files.writeString(dir.resolve("web.out.log"), numbered(1, 100));
        LogTail tail = LogTail.of(log, 3, 1 << 20);
        assertEquals(numbered(98, 100), tail.text());
        assertEquals(Files.size(log), tail.end());
    }

    @Test
    void anUnfinishedLastLineCountsAsALine() throws IOException {
        Path log = Files.writeString(dir.resolve("web.out.log"), "a\nb\nc");
        assertEquals("b\nc", LogTail.of(log, 2, 1 << 20).text());
    }

    @Test
    void fewerLinesThanAskedGiveTheWholeFile() throws IOException {
        Path log = Files.writeString(dir.resolve("web.out.log"), "only\n");
        assertEquals("only\n", LogTail.of(log, 10, 1 << 20).text());
    }

    @Test
    void linesAcrossManyBlocksAreFound() throws IOException {
        String longLine = "x".repeat(10_000) + "\n";
        Path log = Files.writeString(dir.resolve("web.out.log"), longLine.repeat(5) + "end\n");
        assertEquals(longLine + longLine + "end\n", LogTail.of(log, 3, 1 << 20).text());
    }

    @Test
    void theByteLimitCutsAtALineStart() throws IOException {
        Path log = Files.writeString(dir.resolve("web.out.log"), numbered(1, 1000));
        LogTail tail = LogTail.of(log, 1000, 100);
        assertEquals(true, tail.text().length() <= 100, tail.text());
        assertEquals(true, tail.text().startsWith("line "), tail.text());
        assertEquals(true, tail.text().endsWith("line 1000\n"), tail.text());
    }

    @Test
    void aMissingOrEmptyFileHasNoLines() throws IOException {
        assertEquals(new LogTail("", 0), LogTail.of(dir.resolve("absent.log"), 10, 1 << 20));
        assertEquals(new LogTail("", 0), LogTail.of(Files.writeString(dir.resolve("empty.log"), ""), 10, 1 << 20));
    }

    static String numbered(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
    }
}
