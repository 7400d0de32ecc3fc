package keeper.config.yaml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ArgvSplitterTest {

    @Test
    void whitespaceSeparatesWordsAndRunsOfItCount() {
        assertEquals(List.of("/usr/bin/app", "--port", "8080"), ArgvSplitter.split("  /usr/bin/app \t--port   8080 "));
    }

    @Test
    void singleQuotesAreLiteral() {
        assertEquals(List.of("echo", "a \"b\" \\n $HOME"), ArgvSplitter.split("echo 'a \"b\" \\n $HOME'"));
    }

    @Test
    void doubleQuotesKeepSpacesAndHonourFourEscapes() {
        assertEquals(List.of("say", "a \" \\ $ ` \\n"), ArgvSplitter.split("say \"a \\\" \\\\ \\$ \\` \\n\""));
    }

    @Test
    void backslashOutsideQuotesEscapesTheNextCharacter() {
        assertEquals(List.of("a b", "'", "\""), ArgvSplitter.split("a\\ b \\' \\\""));
    }

    @Test
    void quotedPartsJoinTheirWord() {
        assertEquals(List.of("--name=John Smith", "x"), ArgvSplitter.split("--name=\"John Smith\" x"));
    }

    @Test
    void emptyQuotesMakeAnEmptyWord() {
        assertEquals(List.of("prog", "", ""), ArgvSplitter.split("prog '' \"\""));
    }

    @Test
    void noExpansionOfVariablesOrGlobs() {
        assertEquals(List.of("ls", "$HOME", "*.txt", "~"), ArgvSplitter.split("ls $HOME *.txt ~"));
    }

    @Test
    void backslashNewlineJoinsLines() {
        assertEquals(List.of("prog", "--a", "--b"), ArgvSplitter.split("prog --a \\\n--b"));
    }

    @Test
    void unterminatedQuotesAreRefusedSayingWhere() {
        IllegalArgumentException single = assertThrows(IllegalArgumentException.class,
                () -> ArgvSplitter.split("echo 'oops"));
        assertTrue(single.getMessage().contains("opened at character 6"), single.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ArgvSplitter.split("echo \"oops\\\""));
        assertThrows(IllegalArgumentException.class, () -> ArgvSplitter.split("echo oops\\"));
    }
}
