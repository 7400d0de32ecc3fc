package keeper.command.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import keeper.api.spi.command.Request;

class CommandLineTest {

    @Test
    void commandWordIsLowerCasedAndTargetKept() {
        assertEquals(new Request("restart", "Web_1"), CommandLine.parse("  RESTART \t Web_1 \n"));
        assertEquals(new Request("check", null), CommandLine.parse("check"));
        assertEquals(new Request("stop", "all"), CommandLine.parse("stop all"));
    }

    @Test
    void optionWordsMayStandAnywhereAfterTheCommand() {
        assertEquals(new Request("status", "web", java.util.List.of("--json")), CommandLine.parse("status --json web"));
        assertEquals(new Request("logs", "web", java.util.List.of("-f", "--lines=20")),
                CommandLine.parse("logs web -f --lines=20"));
        assertEquals("logs web -f --lines=20", CommandLine.parse("logs -f web --lines=20").toString());
    }

    @Test
    void optionsThatAreNotPlainWordsAreRefused() {
        for (String bad : new String[] {"--JSON", "--", "-", "--a=b;c", "--x=", "-\u001b"}) {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> CommandLine.parse("status " + bad), bad).getMessage();
            assertTrue(message.contains("is not an option"), message);
        }
    }

    @Test
    void emptyLineIsRefused() {
        assertEquals("empty command line", assertThrows(IllegalArgumentException.class,
                () -> CommandLine.parse("   ")).getMessage());
    }

    @Test
    void moreThanOneTargetIsRefused() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> CommandLine.parse("start web db")).getMessage();
        assertTrue(message.contains("at most one child name"), message);
    }

    @Test
    void targetsThatAreNotPlainNamesAreRefused() {
        for (String bad : new String[] {"../etc/passwd", "_web", "a;b", "x".repeat(65), "wéb"}) {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> CommandLine.parse("start " + bad), bad).getMessage();
            assertTrue(message.contains("is not a child name"), message);
        }
        assertEquals("x".repeat(64), CommandLine.parse("start " + "x".repeat(64)).target());
    }
}
