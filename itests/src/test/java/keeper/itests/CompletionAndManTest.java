package keeper.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import keeper.itests.harness.Cli;
import keeper.itests.harness.CliResult;
import keeper.itests.harness.Distribution;
import keeper.itests.harness.Proc;
import keeper.itests.harness.ServerDir;
import keeper.itests.harness.ServerProcess;

/** Issue 15, out of the box: the distribution's bash completion against a live server, and its man pages. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompletionAndManTest {

    @TempDir
    static Path temp;

    private ServerDir dir;
    private ServerProcess server;

    @BeforeAll
    void startServer() {
        dir = ServerDir.create(temp.resolve("server"));
        dir.sleeperChild("web", "");
        dir.sleeperChild("db", "");
        server = dir.start();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
        Proc.killAll(dir.sleeper("web"));
        Proc.killAll(dir.sleeper("db"));
    }

    /** What bash offers for {@code line} with the cursor at its end (or at {@code point}), as the shell would ask. */
    private String complete(String line, int point, Map<String, String> env) {
        Path script = Distribution.root().resolve("share/bash-completion/completions/keeper");
        String keeper = Distribution.bin("keeper").toString();
        String program = "source " + script + "; COMP_LINE=\"$LINE\"; COMP_POINT=$POINT;"
                + " read -ra COMP_WORDS <<< \"${LINE:0:POINT}\"; COMP_CWORD=${#COMP_WORDS[@]}; _keeper;"
                + " echo \"${COMPREPLY[*]}\"";
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("LINE", keeper + " " + line);
        all.put("POINT", Integer.toString(keeper.length() + 1 + point));
        all.put("XDG_CONFIG_HOME", temp.resolve("no-xdg").toString());
        CliResult result = Cli.run(List.of("bash", "--norc", "--noprofile", "-c", program), all);
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("", result.stderr(), result.toString());
        return result.stdout().strip();
    }

    @Test
    void manPagesMadeFromTheHelpTextRenderWithoutWarnings() throws Exception {
        Path keeperPage = Distribution.root().resolve("share/man/man1/keeper.1");
        Path serverPage = Distribution.root().resolve("share/man/man8/keeper-server.8");
        String keeper = render(keeperPage);
        for (String fromHelp : List.of("KEEPER(1)", "SYNOPSIS", "--json", "KEEPER_HOST", "client.yml",
                "keeper restart web on hostA on hostB with ~/.keeper/ops.pem")) {
            assertTrue(keeper.contains(fromHelp), fromHelp + " in:\n" + keeper);
        }
        String helpLine = Cli.keeper("--help").stdout().lines().filter(line -> line.contains("--timeout SECONDS   ")).findFirst()
                .orElseThrow();
        assertTrue(keeper.contains(helpLine.strip()), "the --help text is the page's source: " + helpLine);
        String server = render(serverPage);
        assertTrue(server.contains("KEEPER-SERVER(8)") && server.contains("--state DIR"), server);
        for (String fromHelp : List.of("--install-unit", "SIGNALS", "keeper-server.log", "keeper.service")) {
            assertTrue(server.contains(fromHelp), fromHelp + " in:\n" + server);
        }
        if (Files.isExecutable(Path.of("/usr/bin/man"))) {
            CliResult man = Cli.run(List.of("man", "-l", keeperPage.toString()), Map.of("MANPAGER", "cat", "MANWIDTH", "120"));
            assertEquals(0, man.exitCode(), man.toString());
            assertTrue(man.stdout().contains("--json"), man.toString());
        }
    }

    /** The page as groff's man macros render it, failing on any warning. */
    private static String render(Path page) {
        CliResult groff = Cli.run(List.of("groff", "-man", "-Tutf8", "-ww", "-P", "-cbou", page.toString()), Map.of());
        assertEquals(0, groff.exitCode(), groff.toString());
        assertEquals("", groff.stderr(), groff.toString());
        return groff.stdout().replace('\u2010', '-').replace('\u2212', '-');
    }

    private String complete(String line) {
        return complete(line, line.length(), Map.of());
    }

    @Test
    void completionOffersCommandsOptionsAndTheServersChildNames() {
        assertEquals("start stop status", complete("st"));
        assertEquals("--json", complete("status --j"));
        assertEquals("--timeout", complete("stop web --t"));
        assertEquals("db web on with", complete("status  on " + server.host(), "status ".length(), Map.of()));
        assertEquals("all db web on with", complete("stop ", "stop ".length(), Map.of("KEEPER_HOST", server.host())));
        assertEquals("web with", complete("restart w on " + server.host(), "restart w".length(), Map.of()));
        assertEquals("on with", complete("restart web "));
        assertEquals("on with", complete("check ", "check ".length(), Map.of("KEEPER_HOST", "127.0.0.1:1")));
    }
}
