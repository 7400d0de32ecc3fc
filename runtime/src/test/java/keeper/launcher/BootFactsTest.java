package keeper.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.api.KeeperProperties;

class BootFactsTest {

    private static final Path FILE = Path.of("server.yml");

    @TempDir
    Path temp;

    @Test
    void encryptAsDocsConfigWritesIt() {
        for (String on : List.of("encrypt: on", "encrypt: true", "encrypt: yes", "encrypt: \"on\"", "encrypt: 'On'",
                "encrypt:   on   # every request signed", "encrypt : on")) {
            assertTrue(BootFacts.encryptIn(FILE, List.of("mode: quiet", on, "port: 1")), on);
        }
        for (String off : List.of("encrypt: off", "encrypt: false", "encrypt: no", "encrypt: \"off\" # open")) {
            assertFalse(BootFacts.encryptIn(FILE, List.of("mode: quiet", off)), off);
        }
    }

    @Test
    void absentIsOffAsInServerYml() {
        assertFalse(BootFacts.encryptIn(FILE, List.of()));
        assertFalse(BootFacts.encryptIn(FILE, List.of("# encrypt: on, some day", "mode: half",
                "startup: [encrypt, encrypt-backup]", "loadpaths: [/srv/encrypt]")));
    }

    @Test
    void whatTheNarrowReaderCannotReadFailsSafeToOn() {
        for (List<String> doubtful : List.of(
                List.of("{encrypt: off, mode: quiet}"),
                List.of("  encrypt: off"),
                List.of("\"encrypt\": off"),
                List.of("encrypt: of"),
                List.of("encrypt:"),
                List.of("encrypt: off", "encrypt: off"),
                List.of("encrypt: &no off"))) {
            assertTrue(BootFacts.encryptIn(FILE, doubtful), doubtful.toString());
        }
    }

    @Test
    void publishesABootIdPerStartAndTheEncryptDecision() throws Exception {
        Path serverYml = Files.writeString(temp.resolve("server.yml"), "encrypt: on\n");
        Map<String, String> first = new HashMap<>();
        BootFacts.decide(serverYml).publish(first);
        Map<String, String> second = new HashMap<>();
        BootFacts.decide(serverYml).publish(second);
        assertEquals("true", first.get(KeeperProperties.ENCRYPT));
        assertNotEquals(first.get(KeeperProperties.BOOT_ID), second.get(KeeperProperties.BOOT_ID));
    }
}
