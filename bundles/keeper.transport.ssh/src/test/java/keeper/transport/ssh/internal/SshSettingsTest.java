package keeper.transport.ssh.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshSettingsTest {

    @TempDir
    Path temp;

    @Test
    void nothingSetMeansSshOnThePathItsOwnConfigAndNoAgent() throws IOException {
        SshSettings settings = SshSettings.read(Map.<String, String>of()::get, Map.<String, String>of()::get);
        assertEquals(new SshSettings("ssh", null, null), settings);
        assertTrue(settings.defaultBinary());
    }

    @Test
    void environmentVariablesAreRead() throws IOException {
        Path config = Files.writeString(temp.resolve("config"), "Host x\n");
        Map<String, String> env = Map.of("KEEPER_SSH", "/opt/bin/ssh", "KEEPER_SSH_CONFIG", config.toString(),
                "SSH_AUTH_SOCK", "/tmp/agent.sock");
        assertEquals(new SshSettings("/opt/bin/ssh", config, "/tmp/agent.sock"), SshSettings.read(Map.<String, String>of()::get, env::get));
    }

    @Test
    void systemPropertiesWinOverTheEnvironment() throws IOException {
        Path config = Files.writeString(temp.resolve("config"), "Host x\n");
        Map<String, String> properties = Map.of("keeper.ssh", "/usr/local/bin/ssh", "keeper.ssh.config", config.toString(),
                "keeper.ssh.auth.sock", "/run/agent");
        Map<String, String> env = Map.of("KEEPER_SSH", "/opt/bin/ssh", "KEEPER_SSH_CONFIG", "/nope", "SSH_AUTH_SOCK", "/tmp/x");
        assertEquals(new SshSettings("/usr/local/bin/ssh", config, "/run/agent"), SshSettings.read(properties::get, env::get));
    }

    @Test
    void emptyValuesMeanUnset() throws IOException {
        Map<String, String> empty = Map.of("KEEPER_SSH", "", "KEEPER_SSH_CONFIG", " ", "SSH_AUTH_SOCK", "",
                "keeper.ssh", "", "keeper.ssh.config", "", "keeper.ssh.auth.sock", "");
        assertEquals(new SshSettings("ssh", null, null), SshSettings.read(empty::get, empty::get));
    }

    @Test
    void aMissingConfigFileIsOneClearLine() {
        String missing = temp.resolve("nope").toString();
        IOException error = assertThrows(IOException.class,
                () -> SshSettings.read(Map.<String, String>of()::get, Map.of("KEEPER_SSH_CONFIG", missing)::get));
        assertEquals("ssh config file '" + missing + "' (KEEPER_SSH_CONFIG or -Dkeeper.ssh.config) is not a readable file",
                error.getMessage());
    }

    @Test
    void theAgentSettingReplacesOrRemovesAnInheritedOne() {
        Map<String, String> environment = new HashMap<>(Map.of("SSH_AUTH_SOCK", "/inherited", "PATH", "/bin"));
        new SshSettings("ssh", null, "/mine").applyAgent(environment);
        assertEquals("/mine", environment.get("SSH_AUTH_SOCK"));
        new SshSettings("ssh", null, null).applyAgent(environment);
        assertNull(environment.get("SSH_AUTH_SOCK"));
        assertEquals("/bin", environment.get("PATH"));
    }
}
