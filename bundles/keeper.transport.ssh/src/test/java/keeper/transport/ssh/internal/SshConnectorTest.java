package keeper.transport.ssh.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.api.spi.auth.Envelope;
import keeper.api.spi.command.Reply;
import keeper.api.spi.transport.Connection;
import keeper.api.spi.transport.Endpoint;
import keeper.protocol.Exchange;
import keeper.protocol.WireFormat;

/**
 * The connector against real processes standing in for ssh: shell scripts that answer as a Keeper
 * server would behind the tunnel, or fail the way ssh does (a reason on stderr, exit 255).
 */
class SshConnectorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Endpoint DB = new Endpoint("ssh", "ops", "db", 2222, Map.of("port", "40000"), "ssh://ops@db:2222?port=40000");
    private static final Envelope CHECK = Envelope.unsigned(WireFormat.VERSION, "check");

    @TempDir
    Path temp;

    @Test
    void theChildsStdinAndStdoutAreTheStreamToTheServer() throws IOException {
        SshConnector connector = connector(fakeSsh("head -c 4 >/dev/null; printf '\\000\\000\\000\\016KEEPER/2 OK\\nhi'"), "/tmp/agent.sock");
        try (Connection connection = connector.open(DB, TIMEOUT)) {
            assertEquals(Reply.ok("hi"), Exchange.call(connection, CHECK));
        }
        assertEquals(List.of("-W", "127.0.0.1:40000", "-o", "BatchMode=yes", "-o", "ConnectTimeout=9", "-o",
                "ClearAllForwardings=yes", "-p", "2222", "-l", "ops", "--", "db"), Files.readAllLines(temp.resolve("args")));
        assertEquals("/tmp/agent.sock", Files.readString(temp.resolve("agent")).strip());
    }

    @Test
    void withoutAnAgentSettingTheChildGetsNoInheritedAgent() throws IOException {
        SshConnector connector = connector(fakeSsh("head -c 4 >/dev/null; printf '\\000\\000\\000\\016KEEPER/2 OK\\nhi'"), null);
        try (Connection connection = connector.open(DB, TIMEOUT)) {
            Exchange.call(connection, CHECK);
        }
        assertEquals("unset", Files.readString(temp.resolve("agent")).strip());
    }

    @Test
    void refusedAuthenticationWithoutAnAgentSaysSo() {
        SshConnector connector = connector(fakeSsh("echo 'ops@db: Permission denied (publickey).' >&2; exit 255"), null);
        assertEquals("ssh to ops@db:2222: authentication refused (no ssh-agent: SSH_AUTH_SOCK is not set;"
                + " start one with eval $(ssh-agent) and ssh-add your key)", failure(connector));
    }

    @Test
    void refusedAuthenticationWithAnUnreachableAgentAsksSshAdd() {
        String socket = temp.resolve("no-agent.sock").toString();
        SshConnector connector = connector(fakeSsh("echo 'ops@db: Permission denied (publickey).' >&2; exit 255"), socket);
        assertEquals("ssh to ops@db:2222: authentication refused (cannot reach the ssh-agent at " + socket
                + ": start one and ssh-add your key)", failure(connector));
    }

    @Test
    void noKeeperServerOnTheRemoteLoopback() {
        SshConnector connector = connector(fakeSsh("head -c 1 >/dev/null; printf 'channel 0: open failed: connect failed: "
                + "Connection refused\\r\\nstdio forwarding failed\\r\\n' >&2; exit 255"), null);
        assertEquals("ssh to ops@db:2222: no Keeper server listening on 127.0.0.1:40000 there", failure(connector));
    }

    @Test
    void anSshThatDiedBeforeTheRequestWasWrittenIsExplainedNotABrokenPipe() throws IOException {
        Path exited = temp.resolve("exited");
        SshConnector connector = connector(fakeSsh("exec 0<&-; echo 'ssh: Could not resolve hostname db: Name or service not known' >&2;"
                + " touch " + exited + "; exit 255"), null);
        try (Connection connection = connector.open(DB, TIMEOUT)) {
            Awaitility.await("the fake ssh to exit").atMost(TIMEOUT).until(() -> Files.exists(exited) && !alive(pid()));
            IOException error = assertThrows(IOException.class, () -> Exchange.call(connection, CHECK));
            assertEquals("ssh to ops@db:2222: host unreachable (Could not resolve hostname db: Name or service not known)",
                    error.getMessage());
        }
    }

    @Test
    void silenceUntilTheDeadlineStopsSshAndSaysSo() throws Exception {
        SshConnector connector = connector(fakeSsh("exec sleep 60"), null);
        try (Connection connection = connector.open(DB, Duration.ofMillis(500))) {
            IOException error = assertThrows(IOException.class, () -> Exchange.call(connection, CHECK));
            assertEquals("ssh to ops@db:2222: no answer within 0.5 s", error.getMessage());
            assertFalse(alive(pid()));
        }
    }

    @Test
    void closingStopsSshByItsPid() throws Exception {
        SshConnector connector = connector(fakeSsh("exec sleep 60"), null);
        long pid;
        try (Connection connection = connector.open(DB, TIMEOUT)) {
            pid = pid();
            assertTrue(alive(pid));
        }
        assertFalse(alive(pid));
    }

    @Test
    void aConfiguredClientThatCannotRunIsNamed() {
        String missing = temp.resolve("no-such-ssh").toString();
        SshConnector connector = new SshConnector(() -> new SshSettings(missing, null, null));
        IOException error = assertThrows(IOException.class, () -> connector.open(DB, TIMEOUT));
        assertTrue(error.getMessage().startsWith("ssh client '" + missing + "' (KEEPER_SSH or -Dkeeper.ssh) cannot be run: "),
                error.getMessage());
    }

    @Test
    void anInvalidEndpointIsRefusedBeforeAnyProcessStarts() throws IOException {
        SshConnector connector = connector(fakeSsh("touch " + temp.resolve("ran")), null);
        Endpoint evil = new Endpoint("ssh", null, "-oProxyCommand=touch /tmp/x", -1, Map.of(), "ssh://-oProxyCommand=touch /tmp/x");
        assertThrows(IOException.class, () -> connector.open(evil, TIMEOUT));
        assertFalse(Files.exists(temp.resolve("ran")));
    }

    @Test
    void schemeIsSsh() {
        assertEquals("ssh", new SshConnector().scheme());
    }

    private String failure(SshConnector connector) {
        IOException error = assertThrows(IOException.class, () -> {
            try (Connection connection = connector.open(DB, TIMEOUT)) {
                Exchange.call(connection, CHECK);
            }
        });
        return error.getMessage();
    }

    private SshConnector connector(Path binary, String authSock) {
        return new SshConnector(() -> new SshSettings(binary.toString(), null, authSock));
    }

    /** A script in place of ssh: records its arguments, pid and agent, then runs {@code body}. */
    private Path fakeSsh(String body) {
        try {
            Path script = temp.resolve("ssh");
            Files.writeString(script, "#!/bin/sh\n"
                    + "printf '%s\\n' \"$@\" > " + temp.resolve("args") + "\n"
                    + "echo \"${SSH_AUTH_SOCK-unset}\" > " + temp.resolve("agent") + "\n"
                    + "echo $$ > " + temp.resolve("pid.tmp") + " && mv " + temp.resolve("pid.tmp") + " " + temp.resolve("pid") + "\n"
                    + body + "\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            return script;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private long pid() {
        Path file = temp.resolve("pid");
        Awaitility.await("the fake ssh's pid").atMost(TIMEOUT).until(() -> Files.exists(file));
        try {
            return Long.parseLong(Files.readString(file).strip());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
