package keeper.config.yaml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class LoadPathScannerTest extends ConfigDirFixture {

    /** A clock a minute ahead: the directories the test wrote have settled by its time. */
    private static final Clock LATER = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1));

    @Test
    void findingEachOfManyChildrenReadsTheLoadPathOnce() throws Exception {
        Path children = root.resolve("children");
        for (int i = 0; i < 200; i++) {
            dir.write("children/c" + i + ".yml", "command: c" + i);
        }
        LoadPathScanner scanner = new LoadPathScanner(root.resolve("server.yml"), LATER);
        assertEquals(200, scanner.scan(List.of(children)).byName().size());
        for (int i = 0; i < 200; i++) {
            assertEquals(Optional.of(children.resolve("c" + i + ".yml")), scanner.find(List.of(children), "c" + i));
        }
        assertEquals(1, scanner.directoryReads(), "one listing for a scan and 200 lookups, not one per lookup");

        dir.write("children/late.yml", "command: late");
        assertEquals(Optional.of(children.resolve("late.yml")), scanner.find(List.of(children), "late"));
        assertEquals(2, scanner.directoryReads(), "a new file changes the directory: read again once");
    }
}
