package keeper.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.itests.harness.Cli;
import keeper.itests.harness.CliResult;
import keeper.itests.harness.Distribution;

/**
 * Issue 15: {@code keeper-server --install-unit} writes a systemd unit for the built distribution that
 * {@code systemd-analyze verify} accepts (skipped only where systemd-analyze is not installed).
 */
class StartAtBootTest {

    @TempDir
    Path temp;

    @Test
    void installUnitWritesAUnitThatSystemdAccepts() throws IOException {
        Path unit = temp.resolve("keeper.service");

        CliResult install = Cli.run(List.of(Distribution.bin("keeper-server").toString(), "--install-unit",
                "--user", "daemon", "--unit", unit.toString()), Map.of());

        assertEquals(0, install.exitCode(), install.toString());
        Path dist = Distribution.root().toRealPath();
        assertTrue(install.stdout().startsWith("wrote " + unit + " (server.yml " + dist.resolve("etc/server.yml")
                + ", state /var/lib/keeper, user daemon)\n"), install.toString());
        assertTrue(install.stdout().contains("systemctl daemon-reload && systemctl enable --now keeper"), install.toString());
        String text = Files.readString(unit);
        assertTrue(text.contains("ExecStart=\"" + dist.resolve("bin/keeper-server") + "\" --state"), text);
        assertTrue(text.contains("\nKillMode=process\n") && text.contains("\nUser=daemon\n"), text);

        Path analyze = List.of(Path.of("/usr/bin/systemd-analyze"), Path.of("/bin/systemd-analyze")).stream()
                .filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(analyze != null, "systemd-analyze is not installed");
        CliResult verify = Cli.run(List.of(analyze.toString(), "verify", unit.toString()), Map.of());
        assertEquals(0, verify.exitCode(), verify.toString());
        assertEquals("", verify.text().strip(), "no warnings:\n" + verify);
    }

    @Test
    void installUnitIntoAMissingFolderIsAOneLineError() {
        CliResult install = Cli.run(List.of(Distribution.bin("keeper-server").toString(), "--install-unit", "--unit",
                temp.resolve("no/such/keeper.service").toString()), Map.of());

        assertEquals(1, install.exitCode(), install.toString());
        assertEquals("keeper-server: cannot write the systemd unit " + temp.resolve("no/such/keeper.service")
                + ": no such directory\n", install.stderr());
    }
}
