package keeper.transport.ssh.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import keeper.api.spi.transport.Endpoint;

/** ssh's stderr as OpenSSH 9.2 writes it (captured from real runs) and the one line each becomes. */
class SshFailuresTest {

    private static final Supplier<String> HINT = () -> "the ssh-agent has no keys: ssh-add your key";

    private final TunnelCommand command = command();

    @Test
    void keeperNotListeningOnTheRemoteLoopback() {
        assertEquals("ssh to root@127.0.0.1:2222: no Keeper server listening on 127.0.0.1:40000 there",
                recognise("channel 0: open failed: connect failed: Connection refused\r\nstdio forwarding failed\r\n"));
    }

    @Test
    void authenticationRefusedCarriesTheAgentHint() {
        assertEquals("ssh to root@127.0.0.1:2222: authentication refused (the ssh-agent has no keys: ssh-add your key)",
                recognise("no such identity: /home/ops/.ssh/key: No such file or directory\r\n"
                        + "root@127.0.0.1: Permission denied (publickey).\r\n"));
    }

    @Test
    void agentHintIsOnlyAskedForWhenAuthenticationWasRefused() {
        Supplier<String> forbidden = () -> {
            throw new AssertionError("ssh-add must not run for this failure");
        };
        assertFalse(SshFailures.recognise(command, "ssh: connect to host 127.0.0.1 port 1: Connection refused\n", forbidden)
                .isEmpty());
    }

    @Test
    void unknownHostKeyUnderStrictChecking() {
        assertEquals("ssh to root@127.0.0.1:2222: unknown or changed host key"
                + " (add it to known_hosts: ssh -F /tmp/cfg -p 2222 root@127.0.0.1 once)",
                recognise("No ED25519 host key is known for [127.0.0.1]:2222 and you have requested strict checking.\r\n"
                        + "Host key verification failed.\r\n"));
    }

    @Test
    void unknownHostKeyInBatchMode() {
        assertEquals("ssh to root@127.0.0.1:2222: unknown or changed host key"
                + " (add it to known_hosts: ssh -F /tmp/cfg -p 2222 root@127.0.0.1 once)",
                recognise("Host key verification failed.\r\n"));
    }

    @Test
    void changedHostKey() {
        assertEquals("ssh to root@127.0.0.1:2222: unknown or changed host key"
                + " (add it to known_hosts: ssh -F /tmp/cfg -p 2222 root@127.0.0.1 once)",
                recognise("@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\r\n"
                        + "@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\r\n"
                        + "IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!\r\n"));
    }

    @Test
    void unreachableHostsSayWhatSshSaw() {
        Map<String, String> cases = Map.of(
                "ssh: connect to host 127.0.0.1 port 1: Connection refused\r\n", "connect to host 127.0.0.1 port 1: Connection refused",
                "ssh: Could not resolve hostname nope.invalid: Name or service not known\r\n",
                "Could not resolve hostname nope.invalid: Name or service not known",
                "ssh: connect to host 10.255.255.1 port 22: Connection timed out\r\n",
                "connect to host 10.255.255.1 port 22: Connection timed out",
                "ssh: connect to host 10.0.0.1 port 22: No route to host\r\n", "connect to host 10.0.0.1 port 22: No route to host",
                "ssh: connect to host 192.0.2.1 port 22: Network is unreachable\r\n",
                "connect to host 192.0.2.1 port 22: Network is unreachable");
        cases.forEach((stderr, detail) ->
                assertEquals("ssh to root@127.0.0.1:2222: host unreachable (" + detail + ")", recognise(stderr)));
    }

    @Test
    void anythingElseIsNotRecognisedAndEndsWithSshsLastWords() {
        String stderr = "kex_exchange_identification: read: Connection reset by peer\r\n"
                + "Connection reset by 127.0.0.1 port 2222\r\n\r\n";
        assertEquals(Optional.empty(), SshFailures.recognise(command, stderr, HINT));
        assertEquals("ssh to root@127.0.0.1:2222 failed: Connection reset by 127.0.0.1 port 2222",
                SshFailures.lastWords(command, stderr, 255));
        assertEquals("ssh to root@127.0.0.1:2222 failed: ssh exited with code 255", SshFailures.lastWords(command, "", 255));
    }

    private String recognise(String stderr) {
        return SshFailures.recognise(command, stderr, HINT).orElseThrow();
    }

    private static TunnelCommand command() {
        try {
            return TunnelCommand.of(new Endpoint("ssh", "root", "127.0.0.1", 2222, Map.of("port", "40000"),
                    "ssh://root@127.0.0.1:2222?port=40000"), new SshSettings("ssh", java.nio.file.Path.of("/tmp/cfg"), null),
                    Duration.ofSeconds(5));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
