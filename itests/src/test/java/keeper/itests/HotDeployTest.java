package keeper.itests;

import static keeper.itests.ProcessControlTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.itests.harness.Cli;
import keeper.itests.harness.CliResult;
import keeper.itests.harness.Distribution;
import keeper.itests.harness.EmbeddedRuntime;
import keeper.itests.harness.HandSigner;
import keeper.itests.harness.OpenSsl;
import keeper.itests.harness.Proc;
import keeper.itests.harness.RawClient;
import keeper.itests.harness.ServerDir;
import keeper.itests.harness.ServerProcess;

/**
 * Issue 8: plugins dropped into and deleted from a running server's deploy/ directory, features
 * installed and uninstalled from the shell, while 20 children keep their pids.
 */
class HotDeployTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final int CHILDREN = 20;

    @TempDir
    Path temp;

    private ServerDir dir;

    @AfterEach
    void stopChildren() {
        for (int i = 0; i < CHILDREN; i++) {
            Proc.killAll(dir.sleeper("child" + i));
        }
    }

    @Test
    void examplePluginAndUnixSocketListenerComeAndGoWhileChildrenKeepRunning() throws Exception {
        Path keys = Files.createDirectories(temp.resolve("server/keys"));
        Path key = OpenSsl.ed25519(Files.createDirectories(temp.resolve("private")), "ops");
        OpenSsl.publicKey(key, keys);
        dir = ServerDir.create(temp.resolve("server"), "encrypt: on\nlistener_addr: 127.0.0.1\npub_keys_path: [keys]\n");
        Path deploy = Files.createDirectories(temp.resolve("deploy"));
        String token = "s3cret-token";
        Files.createDirectories(dir.stateDir());
        Files.writeString(dir.stateDir().resolve("token"), token);
        try (ServerProcess server = dir.start("--deploy", deploy.toString())) {
            Map<String, Long> pids = startChildren(name -> ok(server.keeper("start", name, "with", key.toString())));
            String info = ok(server.keeper("info", "with", key.toString())).text();
            assertTrue(info.contains("core") && !info.contains("uds"), "only the core feature runs:\n" + info);
            String tokenRequest = "KEEPER/2\nline: uptime\ntoken: " + token + "\n";
            assertEquals("KEEPER/2 ERR\nauthentication failed", RawClient.exchange(dir.port(), tokenRequest));
            assertTrue(server.keeper("uptime", "with", key.toString()).text().contains("unknown command 'uptime'"));

            Path plugin = Files.copy(exampleJar(), deploy.resolve("keeper.example.plugin.jar"));
            CliResult uptime = Awaitility.await("uptime command").atMost(WITHIN)
                    .until(() -> server.keeper("uptime", "with", key.toString()), CliResult::ok);
            assertTrue(uptime.text().contains("up"), uptime.toString());
            assertTrue(RawClient.exchange(dir.port(), tokenRequest).startsWith("KEEPER/2 OK"), "the token authenticator accepts");
            server.awaitOutput("token authenticator consulted", WITHIN);

            TcpTraffic traffic = TcpTraffic.start(dir.port(), HandSigner.of(key, dir.serverId()), "ops");
            Path udsJar = Files.copy(Distribution.system().resolve("keeper.transport.uds.jar"), deploy.resolve("keeper.transport.uds.jar"));
            String socket = "unix://" + dir.stateDir().resolve("keeper.sock");
            Awaitility.await("unix socket listener").atMost(WITHIN).until(() -> Cli.keeper("check", "on", socket).ok());
            assertTrue(ok(Cli.keeper("check", "on", socket)).text().contains("child0"), "trusted local socket, no key needed");
            ok(server.keeper("check", "with", key.toString()));

            Files.delete(plugin);
            Awaitility.await("uptime gone").atMost(WITHIN)
                    .until(() -> server.keeper("uptime", "with", key.toString()).text().contains("unknown command 'uptime'"));
            assertEquals("KEEPER/2 ERR\nauthentication failed", RawClient.exchange(dir.port(), tokenRequest));
            Files.delete(udsJar);
            Awaitility.await("unix socket gone").atMost(WITHIN).until(() -> !Cli.keeper("check", "on", socket).ok());

            assertEquals(List.of(), traffic.stop(), "TCP requests in flight while bundles came and went");
            ok(server.keeper("check", "with", key.toString()));
            assertEquals(pids, currentPids(), "children keep their pids through every deployment");
        }
    }

    @Test
    void featureInstallAndUninstallToggleSshWhileChildrenKeepRunning() throws Exception {
        dir = ServerDir.create(temp.resolve("server"));
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(dir.serverYml(), dir.stateDir(), "core", "shell", "client")) {
            Map<String, Long> pids = startChildren(name -> runtime.gogo("keeper:start " + name));
            String sshHost = "ssh://nobody@127.0.0.1:1";
            assertTrue(remoteError(runtime, "keeper:remote check on " + sshHost).contains("no transport for scheme 'ssh'"));
            assertTrue(runtime.gogo("keeper:features").contains("ssh"));

            runtime.gogo("keeper:feature-install ssh");
            String reached = remoteError(runtime, "keeper:remote check on " + sshHost);
            assertFalse(reached.contains("no transport"), "ssh:// is served now: " + reached);

            runtime.gogo("keeper:feature-uninstall ssh");
            Awaitility.await().atMost(WITHIN).until(() -> remoteError(runtime, "keeper:remote check on " + sshHost)
                    .contains("no transport for scheme 'ssh'"));
            assertEquals(List.of(), runtime.componentProblems());
            assertEquals(pids, currentPids());
        }
    }

    /** Signed status requests over TCP, one after another, until stopped: what a deployment must not break. */
    private static final class TcpTraffic {
        private static final int MAX_REQUESTS = 5_000;
        private final Thread thread;
        private final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile boolean running = true;
        private int sent;

        private TcpTraffic(int port, HandSigner signer, String keyName) {
            thread = new Thread(() -> {
                while (running && sent++ < MAX_REQUESTS) {
                    try {
                        String reply = RawClient.exchange(port, signer.request("status", keyName));
                        if (!reply.startsWith("KEEPER/2 OK")) {
                            failures.add(reply);
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }, "tcp-traffic");
        }

        static TcpTraffic start(int port, HandSigner signer, String keyName) {
            TcpTraffic traffic = new TcpTraffic(port, signer, keyName);
            traffic.thread.start();
            return traffic;
        }

        /** Stops the requests and answers what failed; at least one request must have been sent. */
        List<String> stop() throws InterruptedException {
            running = false;
            thread.join(60_000);
            assertTrue(sent > 1, "no request was sent");
            return failures;
        }
    }

    private interface Starter {
        void start(String name) throws Exception;
    }

    private Map<String, Long> startChildren(Starter starter) throws Exception {
        for (int i = 0; i < CHILDREN; i++) {
            dir.sleeperChild("child" + i, "");
            starter.start("child" + i);
        }
        Map<String, Long> pids = currentPids();
        assertEquals(CHILDREN, pids.size());
        return pids;
    }

    private Map<String, Long> currentPids() {
        Map<String, Long> pids = new HashMap<>();
        for (int i = 0; i < CHILDREN; i++) {
            pids.put("child" + i, Proc.awaitSingle(dir.sleeper("child" + i), WITHIN));
        }
        return pids;
    }

    private static String remoteError(EmbeddedRuntime runtime, String command) {
        return assertThrows(EmbeddedRuntime.GogoException.class, () -> runtime.gogo(command)).getMessage();
    }

    private static Path exampleJar() {
        return Path.of(System.getProperty("keeper.example.jar"));
    }
}
