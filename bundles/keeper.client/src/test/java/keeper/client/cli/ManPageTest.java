package keeper.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ManPageTest {

    private static String help() throws IOException {
        try (InputStream in = KeeperCli.class.getResourceAsStream("help.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theHelpTextBecomesSectionsWithTheirLayoutKept() throws IOException {
        String page = ManPage.render("keeper", "1", "0.1.0", "send commands to Keeper servers", help());

        assertTrue(page.startsWith(".TH KEEPER 1 \"\" \"Keeper 0.1.0\" \"Keeper manual\"\n.SH NAME\n"
                + "keeper \\- send commands to Keeper servers\n.SH SYNOPSIS\n.nf\n"
                + "keeper <command> [child|all] [\\-\\-json] [on HOST]... [with /path/to/key.pem]"), page);
        for (String section : new String[] {"DESCRIPTION", "COMMANDS", "OPTIONS", "DEFAULTS", "EXAMPLES", "OUTPUT", "PLUGINS"}) {
            assertTrue(page.contains("\n.SH " + section + "\n"), section + " in:\n" + page);
        }
        assertTrue(page.contains(".nf\n  \\-\\-json              status, check, info"), page);
        assertEquals(page.split("\n\\.nf\n", -1).length, page.split("\n\\.fi\n", -1).length, "every layout block ends");
    }

    @Test
    void roffControlsInTheTextStayText() {
        assertEquals("\\&.TH not a macro", ManPage.escape(".TH not a macro"));
        assertEquals("a\\ee \\-\\-x", ManPage.escape("a\\e --x"));
        String page = ManPage.render("x", "8", "1", "y", "usage: x\n\n.so /etc/passwd\n  'quoted\n");
        assertTrue(page.contains("\n\\&.so /etc/passwd\n") && page.contains("\n  'quoted\n"), page);
    }
}
