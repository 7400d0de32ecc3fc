package keeper.auth.pem.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class KeyNamesTest {

    @Test
    void plainFileStemsAreValid() {
        for (String name : new String[] {"ops", "a", "web-1.prod_ops", "9", "A.b-c_d", "k".repeat(64)}) {
            assertNull(KeyNames.problem(name), name);
        }
    }

    @Test
    void anythingThatCouldBeAPathOrLooksOddIsNot() {
        for (String name : new String[] {"", ".", "..", "a..b", "../x", "a/b", "a\\b", "a\0", "-a", "_a", ".hidden", "a b",
                "a\nb", "é", "k".repeat(65)}) {
            assertNotNull(KeyNames.problem(name), name);
        }
    }

    @Test
    void namesInLogsAreShortAndHaveNoControlCharacters() {
        assertEquals("a\\x00b\\x0a\\u202e", KeyNames.printable("a\0b\n\u202e"));
        assertEquals("k".repeat(64) + "...", KeyNames.printable("k".repeat(10_000)));
    }
}
