package keeper.transport.ssh.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import keeper.api.spi.transport.Endpoint;

class TunnelCommandTest {

    private static final SshSettings PLAIN = new SshSettings("ssh", null, null);
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @Test
    void hostAloneTunnelsToTheDefaultPortOnTheRemoteLoopback() throws IOException {
        TunnelCommand command = TunnelCommand.of(endpoint(null, "db", -1, Map.of()), PLAIN, TEN_SECONDS);
        assertEquals(List.of("ssh", "-W", "127.0.0.1:33889", "-o", "BatchMode=yes", "-o", "ConnectTimeout=9",
                "-o", "ClearAllForwardings=yes", "--", "db"), command.argv());
        assertEquals("db", command.destination());
        assertEquals("ssh db", command.manual());
        assertEquals(33889, command.keeperPort());
    }

    @Test
    void userSshPortConfigAndKeeperPortAreAllPassed() throws IOException {
        SshSettings settings = new SshSettings("/opt/ssh/bin/ssh", Path.of("/etc/keeper/ssh_config"), "/tmp/agent");
        TunnelCommand command = TunnelCommand.of(endpoint("ops", "10.0.0.7", 2222, Map.of("port", "40000")), settings, TEN_SECONDS);
        assertEquals(List.of("/opt/ssh/bin/ssh", "-W", "127.0.0.1:40000", "-o", "BatchMode=yes", "-o", "ConnectTimeout=9",
                "-o", "ClearAllForwardings=yes", "-F", "/etc/keeper/ssh_config", "-p", "2222", "-l", "ops", "--", "10.0.0.7"),
                command.argv());
        assertEquals("ops@10.0.0.7:2222", command.destination());
        assertEquals("ssh -F /etc/keeper/ssh_config -p 2222 ops@10.0.0.7", command.manual());
        assertEquals(40000, command.keeperPort());
    }

    @Test
    void ipv6HostIsBracketedOnlyInMessages() throws IOException {
        TunnelCommand command = TunnelCommand.of(endpoint("ops", "::1", 22, Map.of()), PLAIN, TEN_SECONDS);
        assertEquals("::1", command.argv().get(command.argv().size() - 1));
        assertEquals("ops@[::1]:22", command.destination());
    }

    @Test
    void connectTimeoutLeavesTheLastSecondToTheCallerAndIsNeverZero() {
        assertEquals(9, TunnelCommand.connectTimeoutSeconds(Duration.ofSeconds(10)));
        assertEquals(2, TunnelCommand.connectTimeoutSeconds(Duration.ofMillis(2500)));
        assertEquals(1, TunnelCommand.connectTimeoutSeconds(Duration.ofMillis(300)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-oProxyCommand=touch /tmp/pwned", "-p", "a b", "host\nProxyCommand x", "h;rm", "h$(id)", "", "ops@db"})
    void hostsThatAreNotPlainNamesAreRefusedBeforeSshRuns(String host) {
        IOException error = assertThrows(IOException.class,
                () -> TunnelCommand.of(endpoint(null, host, -1, Map.of()), PLAIN, TEN_SECONDS));
        assertTrue(error.getMessage().contains("is not a plain host name"), error.getMessage());
        assertEquals(1, error.getMessage().lines().count(), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-oProxyCommand=x", "-l", "a b", "o\tps", "o%h", "a@b", "x\u0000", ""})
    void usersThatAreNotPlainNamesAreRefused(String user) {
        IOException error = assertThrows(IOException.class,
                () -> TunnelCommand.of(endpoint(user, "db", -1, Map.of()), PLAIN, TEN_SECONDS));
        assertTrue(error.getMessage().contains("is not a plain user name"), error.getMessage());
        assertEquals(1, error.getMessage().lines().count(), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "-1", "http", "80 -oX=y", ""})
    void keeperPortMustBeANumberFrom1To65535(String port) {
        IOException error = assertThrows(IOException.class,
                () -> TunnelCommand.of(endpoint(null, "db", -1, Map.of("port", port)), PLAIN, TEN_SECONDS));
        assertEquals("ssh://db?port=" + port + ": remote Keeper port '" + port + "' is not a number from 1 to 65535",
                error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 65536, -2})
    void sshPortMustBeANumberFrom1To65535(int port) {
        IOException error = assertThrows(IOException.class,
                () -> TunnelCommand.of(endpoint(null, "db", port, Map.of()), PLAIN, TEN_SECONDS));
        assertTrue(error.getMessage().endsWith("ssh port " + port + " is not a number from 1 to 65535"), error.getMessage());
    }

    @Test
    void unknownParametersAreRefusedNamingTheOneThatExists() {
        IOException error = assertThrows(IOException.class,
                () -> TunnelCommand.of(endpoint(null, "db", -1, Map.of("prot", "1")), PLAIN, TEN_SECONDS));
        assertEquals("ssh://db?prot=1: unknown parameter 'prot' (ssh:// takes only ?port=N, the remote Keeper port)",
                error.getMessage());
    }

    private static Endpoint endpoint(String user, String host, int port, Map<String, String> params) {
        StringBuilder text = new StringBuilder("ssh://");
        if (user != null) {
            text.append(user).append('@');
        }
        text.append(host);
        if (port != -1) {
            text.append(':').append(port);
        }
        params.forEach((name, value) -> text.append('?').append(name).append('=').append(value));
        return new Endpoint("ssh", user, host, port, params, text.toString());
    }
}
