package keeper.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import keeper.launcher.LaunchOptions.UsageException;

/** Issue 15: the systemd unit the distribution ships and the one {@code --install-unit} writes. */
class SystemdUnitTest {

    private static final Path DIST = Path.of("/srv/keeper-1.0");

    @Test
    void theShippedUnitIsTheOneForOptKeeper() throws Exception {
        assertEquals(SystemdUnit.shipped().text(), Files.readString(Path.of("src/dist/etc/systemd/keeper.service")));
    }

    @Test
    void theShippedUnitLetsChildrenOutliveTheServerAndRestartsItOnFailure() {
        String unit = SystemdUnit.shipped().text();
        assertTrue(unit.contains("\nKillMode=process\n"), unit);
        assertTrue(unit.contains("\nRestart=on-failure\n"), unit);
        assertTrue(unit.contains("\nExecReload=/bin/kill -HUP $MAINPID\n"), unit);
        assertTrue(unit.contains("\nExecStart=\"/opt/keeper/bin/keeper-server\" --state \"/var/lib/keeper\""
                + " \"/opt/keeper/etc/server.yml\"\n"), unit);
    }

    @Test
    void installUnitDefaultsToThisDistributionItsServerYmlAndVarLibKeeper() throws Exception {
        LaunchOptions options = LaunchOptions.parse(new String[] {"--install-unit", "--user", "keeper"}, DIST, Map.of());

        assertEquals(LaunchOptions.Action.INSTALL_UNIT, options.action());
        assertEquals(Path.of("/etc/systemd/system/keeper.service"), options.unitFile());
        String unit = options.unit().text();
        assertTrue(unit.contains("\nUser=keeper\n"), unit);
        assertTrue(unit.contains("\nEnvironment=\"JAVA_HOME=" + System.getProperty("java.home") + "\"\n"), unit);
        assertTrue(unit.contains("ExecStart=\"/srv/keeper-1.0/bin/keeper-server\" --state \"/var/lib/keeper\""
                + " \"/srv/keeper-1.0/etc/server.yml\""), unit);
    }

    @Test
    void installUnitTakesAPrefixAStateDirAServerYmlAndAFile() throws Exception {
        LaunchOptions options = LaunchOptions.parse(new String[] {"--install-unit", "--prefix", "/opt/k 100%",
                "--state", "/var/lib/k", "--unit", "/tmp/k.service", "/etc/keeper/server.yml"}, DIST, Map.of());

        String unit = options.unit().text();
        assertTrue(unit.contains("ExecStart=\"/opt/k 100%%/bin/keeper-server\" --state \"/var/lib/k\""
                + " \"/etc/keeper/server.yml\""), unit);
        assertEquals(Path.of("/tmp/k.service"), options.unitFile());
    }

    @Test
    void unitOptionsWithoutInstallUnitAndBadValuesAreUsageErrors() {
        assertEquals("--user only goes with --install-unit", assertThrows(UsageException.class,
                () -> LaunchOptions.parse(new String[] {"--user", "keeper"}, DIST, Map.of())).getMessage());
        assertEquals("--user 'a b' is not a user name or number", assertThrows(UsageException.class,
                () -> LaunchOptions.parse(new String[] {"--install-unit", "--user", "a b"}, DIST, Map.of())).getMessage());
        assertEquals("--prefix needs a directory", assertThrows(UsageException.class,
                () -> LaunchOptions.parse(new String[] {"--install-unit", "--prefix"}, DIST, Map.of())).getMessage());
        assertTrue(assertThrows(UsageException.class, () -> LaunchOptions.parse(new String[] {"--install-unit",
                "--prefix", "/opt/\"k\""}, DIST, Map.of())).getMessage().contains("cannot go into a systemd unit"));
    }
}
