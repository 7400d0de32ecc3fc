package keeper.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PrintableTest {

    private static final String HOSTILE = "a\u001b[2J\u001b]0;owned\u0007b\u009b31m\u2028c\u202edcba\r\n\td";

    @Test
    void logLinesShowEveryActingCharacterEscaped() {
        assertEquals("a\\x1b[2J\\x1b]0;owned\\x07b\\x9b31m\\u2028c\\u202edcba\\x0d\\x0a\\x09d",
                Printable.line(HOSTILE, 100));
    }

    @Test
    void terminalTextKeepsLinesAndTabsOnly() {
        assertEquals("a\\x1b[2J\\x1b]0;owned\\x07b\\x9b31m\\u2028c\\u202edcba\\x0d\n\td", Printable.text(HOSTILE));
    }

    @Test
    void logLinesAreCutByCharactersNotBytes() {
        assertEquals("ab...", Printable.line("abc", 2));
        assertEquals("ab", Printable.line("ab", 2));
        assertEquals("\uD83D\uDE00x...", Printable.line("\uD83D\uDE00xyz", 2));
    }

    @Test
    void printableTextIsLeftAsItIsAndEscapingTwiceChangesNothing() {
        String plain = "web  RUNNING  pid 42  C:\\path  été 名前";
        assertEquals(plain, Printable.text(plain));
        assertEquals(Printable.line(HOSTILE, 100), Printable.line(Printable.line(HOSTILE, 100), 1000));
    }

    @Test
    void loneSurrogatesAreEscaped() {
        assertEquals("x\\ud800y", Printable.line("x\uD800y", 10));
    }
}
