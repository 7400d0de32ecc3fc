package keeper.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.itests.harness.Cli;
import keeper.itests.harness.CliResult;

/**
 * Issue 20, item 1: the source tree's {@code ./keeper-server} builds before it starts. Run here in a copy of
 * the tree's layout with a stand-in {@code mvn} (a real build would install into the shared repository), it
 * must ask Maven for no colours when its output is not a terminal.
 */
class KeeperServerScriptTest {

    /** Records how it was called; like Debian's Maven 3.8, it writes colour resets unless told not to. */
    private static final String FAKE_MVN = """
            #!/bin/sh
            printf 'args: %s\\nMAVEN_OPTS: %s\\n' "$*" "$MAVEN_OPTS" > "$MVN_RECORD"
            case "$MAVEN_OPTS" in *-Djansi.noreset=true*) ;; *) printf '\\033[0m' ;; esac
            case "$*" in *-Dstyle.color=never*) ;; *) printf '\\033[1;31m[ERROR]\\033[m colour\\n' >&2 ;; esac
            mkdir -p runtime/target/keeper/etc && echo built > runtime/target/keeper/etc/version
            """;

    private static final String FAKE_SERVER = """
            #!/bin/sh
            echo "server started: $*"
            """;

    @TempDir
    Path temp;

    @Test
    void theBuildPrintsNoEscapeCodesWhenTheOutputIsNotATerminal() throws IOException {
        Path top = Files.createDirectories(temp.resolve("keeper"));
        Files.copy(Path.of("../keeper-server").toAbsolutePath(), top.resolve("keeper-server"));
        Files.writeString(top.resolve("pom.xml"), "<project/>\n");
        List.of("bundles", "runtime/target/keeper/bin", "features").forEach(folder -> mkdirs(top.resolve(folder)));
        executable(top.resolve("runtime/target/keeper/bin/keeper-server"), FAKE_SERVER);
        Path tools = Files.createDirectories(temp.resolve("tools"));
        executable(tools.resolve("mvn"), FAKE_MVN);
        Path record = temp.resolve("mvn.record");

        CliResult run = Cli.run(List.of(top.resolve("keeper-server").toString(), "--version"),
                Map.of("PATH", tools + ":" + System.getenv("PATH"), "MVN_RECORD", record.toString()));

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("server started: --version\n", run.stdout(), run.toString());
        assertFalse(run.text().contains("\u001b"), "no escape codes:\n" + run);
        String called = Files.readString(record);
        assertTrue(called.contains("-Dstyle.color=never") && called.contains("-q"), called);
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void mkdirs(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
