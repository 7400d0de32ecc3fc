package keeper.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.itests.harness.Cli;
import keeper.itests.harness.CliResult;
import keeper.itests.harness.Distribution;
import keeper.itests.harness.EmbeddedRuntime;
import keeper.itests.harness.OpenSsl;
import keeper.itests.harness.Ports;
import keeper.itests.harness.Proc;
import keeper.itests.harness.ServerProcess;
import keeper.itests.harness.SshFixture;

/**
 * Issue 7: the ssh:// transport against a real sshd and a real ssh-agent, reaching a Keeper server
 * that listens on 127.0.0.1 only, exactly as the seed's "SSH-agent tunnel feature" sets it up.
 */
class SshTransportTest {

    private static final String JAR = "keeper.transport.ssh.jar";
    private static final String CHILD = "sleeper";
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    /** Unique per run, so the test finds (and stops) exactly its own children in /proc. */
    private final String childCommand = "sleep 300." + ThreadLocalRandom.current().nextInt(10_000, 100_000);
    private SshFixture ssh;
    private ServerProcess server;
    private int keeperPort;
    private Path plugins;

    @BeforeEach
    void startSshdAgentAndServer() throws IOException {
        ssh = SshFixture.start();
        keeperPort = Ports.free();
        server = ServerProcess.start(serverConfig("server", keeperPort), temp.resolve("state"));
        plugins = Files.createDirectories(temp.resolve("plugins"));
        Files.copy(Distribution.system().resolve(JAR), plugins.resolve(JAR));
    }

    @AfterEach
    void stopEverything() {
        try {
            server.close();
        } finally {
            try {
                childPids().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
                childPids().forEach(pid -> Proc.awaitDead(pid, WITHIN));
            } finally {
                ssh.close();
            }
        }
    }

    @Test
    void everySeedCommandWorksThroughTheTunnel() {
        String on = sshEndpoint();
        ok(keeper("start", CHILD, "on", on));
        long first = awaitOneChild();

        assertTrue(ok(keeper("check", "on", on)).contains(CHILD));
        ok(keeper("restart", CHILD, "on", on));
        Proc.awaitDead(first, WITHIN);
        long second = awaitOneChild();
        assertNotEquals(first, second);

        ok(keeper("trystart", CHILD, "on", on));
        Proc.awaitDead(second, WITHIN);
        long third = awaitOneChild();

        assertTrue(ok(keeper("info", "on", on)).contains(Long.toString(server.pid())));
        assertTrue(ok(keeper("status", "on", on)).contains(CHILD));

        ok(keeper("stop", CHILD, "on", on));
        Proc.awaitDead(third, WITHIN);
        assertEquals(Set.of(), childPids());

        ok(keeper("start", CHILD, "on", on));
        long fourth = awaitOneChild();
        ok(keeper("kill", "on", on));
        Optional<Integer> exit = server.awaitExit(WITHIN);
        assertTrue(exit.isPresent(), "the server still runs after kill:\n" + server.output());
        Proc.awaitDead(fourth, WITHIN);
    }

    @Test
    void aSignedRequestTravelsThroughTheTunnelUnchanged() throws IOException {
        Path keys = Files.createDirectories(temp.resolve("keys"));
        Path key = OpenSsl.rsa(Files.createDirectories(temp.resolve("private")), "ops", 2048, false);
        OpenSsl.publicKey(key, keys);
        int signedPort = Ports.free();
        Path config = Files.writeString(temp.resolve("signed.yml"), Files.readString(serverConfig("signed", signedPort))
                + "encrypt: on\npub_keys_path:\n  - " + keys + "\n");
        try (ServerProcess signed = ServerProcess.start(config, temp.resolve("signed-state"))) {
            String on = "ssh://" + SshFixture.USER + "@127.0.0.1:" + ssh.port() + "?port=" + signedPort;
            assertTrue(ok(keeper("status", "on", on, "with", key.toString())).contains(CHILD));
            assertFails(keeper("status", "on", on), "authentication failed");
        }
    }

    @Test
    void aHostAliasOfTheSshConfigIsHonoured() {
        String alias = "ssh://" + SshFixture.ALIAS + "?port=" + keeperPort;
        ok(keeper("start", CHILD, "on", alias));
        awaitOneChild();
        assertTrue(ok(keeper("check", CHILD, "on", alias)).contains(CHILD));
    }

    @Test
    void fanOutMixesSshAndTcpHosts() {
        ok(keeper("start", CHILD, "on", "127.0.0.1:" + keeperPort));
        String out = ok(keeper("check", "on", sshEndpoint(), "on", "127.0.0.1:" + keeperPort));
        assertTrue(out.contains(sshEndpoint()) && out.contains("127.0.0.1:" + keeperPort), out);
        assertTrue(out.indexOf(CHILD) != out.lastIndexOf(CHILD), "one block per host, each listing the child:\n" + out);
    }

    @Test
    void fanOutReportsTheFailingSshHostAndStillAnswersTheOther() {
        String nowhere = "ssh://root@127.0.0.1:" + ssh.port() + "?port=" + Ports.free();
        CliResult result = keeper("check", "on", nowhere, "on", "127.0.0.1:" + keeperPort);
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(text(result).contains("no Keeper server listening on 127.0.0.1:"), result.toString());
        assertTrue(result.stdout().contains("127.0.0.1:" + keeperPort), result.toString());
    }

    @Test
    void noAgent() {
        assertFails(keeper(Map.of("SSH_AUTH_SOCK", ""), "check", "on", sshEndpoint()),
                "ssh to root@127.0.0.1:" + ssh.port() + ": authentication refused (no ssh-agent: SSH_AUTH_SOCK is not set");
    }

    @Test
    void agentWithoutAnyKey() throws IOException {
        SshFixture.Agent empty = ssh.emptyAgent();
        assertFails(keeper(Map.of("SSH_AUTH_SOCK", empty.socket().toString()), "check", "on", sshEndpoint()),
                "ssh to root@127.0.0.1:" + ssh.port() + ": authentication refused (the ssh-agent has no keys: ssh-add your key)");
    }

    @Test
    void agentKeyNotAuthorizedOnTheServer() throws IOException {
        SshFixture.Agent stranger = ssh.agentWithUnauthorizedKey();
        assertFails(keeper(Map.of("SSH_AUTH_SOCK", stranger.socket().toString()), "check", "on", sshEndpoint()),
                "ssh to root@127.0.0.1:" + ssh.port() + ": authentication refused (the server accepted none of the ssh-agent's keys");
    }

    @Test
    void unknownHostKey() throws IOException {
        Path config = ssh.configWithoutHostKey();
        assertFails(keeper(Map.of("KEEPER_SSH_CONFIG", config.toString()), "check", "on", sshEndpoint()),
                "ssh to root@127.0.0.1:" + ssh.port() + ": unknown or changed host key (add it to known_hosts: ssh -F "
                        + config + " -p " + ssh.port() + " root@127.0.0.1 once)");
    }

    @Test
    void hostUnreachable() {
        int closed = Ports.free();
        assertFails(keeper("check", "on", "ssh://root@127.0.0.1:" + closed + "?port=" + keeperPort),
                "ssh to root@127.0.0.1:" + closed + ": host unreachable (connect to host 127.0.0.1 port " + closed
                        + ": Connection refused)");
    }

    @Test
    void keeperNotListeningOnTheRemoteLoopback() {
        int free = Ports.free();
        assertFails(keeper("check", "on", "ssh://root@127.0.0.1:" + ssh.port() + "?port=" + free),
                "ssh to root@127.0.0.1:" + ssh.port() + ": no Keeper server listening on 127.0.0.1:" + free + " there");
    }

    @Test
    void noSshClientInstalled() throws IOException {
        Path bin = Files.createDirectories(temp.resolve("bin-without-ssh"));
        for (String tool : List.of("dirname", "readlink")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool));
        }
        Files.createSymbolicLink(bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        assertFails(keeper(Map.of("PATH", bin.toString()), "check", "on", sshEndpoint()),
                "ssh client not found (install openssh-client)");
    }

    @Test
    void theCliPluginDirectoryTogglesTheScheme() throws IOException {
        String absent = "no transport for scheme 'ssh', install the keeper.transport.ssh bundle";
        Files.delete(plugins.resolve(JAR));
        assertFails(keeper("check", "on", sshEndpoint()), absent);

        Files.copy(Distribution.system().resolve(JAR), plugins.resolve(JAR));
        ok(keeper("check", "on", sshEndpoint()));

        Files.delete(plugins.resolve(JAR));
        assertFails(keeper("check", "on", sshEndpoint()), absent);
    }

    @Test
    void aFreshDistributionSpeaksSshWithoutCopyingAJar() throws Exception {
        Path fresh = Files.createDirectories(temp.resolve("fresh"));
        Path tarball = Distribution.tarball();
        Process untar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", fresh.toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("tar.log").toFile()).start();
        assertEquals(0, untar.waitFor(), () -> "tar failed: " + readQuietly(temp.resolve("tar.log")));
        Path keeper = fresh.resolve("keeper/bin/keeper");

        Map<String, String> env = new HashMap<>(ssh.env());
        env.remove("KEEPER_PLUGINS");
        CliResult check = Cli.run(List.of(keeper.toString(), "status", "on", sshEndpoint()), env);

        assertEquals(0, check.exitCode(), check + "\n--- sshd log\n" + ssh.serverLog());
        assertTrue(check.stdout().contains(CHILD), check.toString());
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void hotDeployingTheBundleTogglesSshInARunningRuntime() throws Exception {
        ok(keeper("start", CHILD, "on", "127.0.0.1:" + keeperPort));
        String check = "keeper:remote check on 'ssh://" + SshFixture.ALIAS + "?port=" + keeperPort + "'";
        System.setProperty("keeper.ssh.config", ssh.clientConfig().toString());
        System.setProperty("keeper.ssh.auth.sock", ssh.agentSocket().toString());
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(serverConfig("embedded", 0), temp.resolve("embedded-state"),
                "core", "client", "shell")) {
            String absent = "no transport for scheme 'ssh'";
            assertTrue(gogo(runtime, check).contains(absent), gogo(runtime, check));

            Files.copy(Distribution.system().resolve(JAR), runtime.deployDir().resolve(JAR));
            Awaitility.await("ssh:// after the jar is dropped into deploy/").atMost(WITHIN).pollInterval(Duration.ofMillis(200))
                    .until(() -> gogo(runtime, check), out -> out.contains(CHILD) && !out.contains(absent));

            Files.delete(runtime.deployDir().resolve(JAR));
            Awaitility.await("ssh:// gone after the jar is deleted").atMost(WITHIN).pollInterval(Duration.ofMillis(200))
                    .until(() -> gogo(runtime, check), out -> out.contains(absent));
        } finally {
            System.clearProperty("keeper.ssh.config");
            System.clearProperty("keeper.ssh.auth.sock");
        }
    }

    private String sshEndpoint() {
        return "ssh://" + SshFixture.USER + "@127.0.0.1:" + ssh.port() + "?port=" + keeperPort;
    }

    /** {@code bin/keeper} with the ssh plugin directory, the fixture's agent and config, and {@code extra} on top. */
    private CliResult keeper(Map<String, String> extra, String... args) {
        Map<String, String> env = new HashMap<>(ssh.env());
        env.put("KEEPER_PLUGINS", plugins.toString());
        env.putAll(extra);
        return Cli.keeper(env, args);
    }

    private CliResult keeper(String... args) {
        return keeper(Map.of(), args);
    }

    private String ok(CliResult result) {
        assertEquals(0, result.exitCode(), result + "\n--- sshd log\n" + ssh.serverLog());
        return result.stdout();
    }

    /** Exit code 1 and the message on one line of the output. */
    private static void assertFails(CliResult result, String message) {
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(text(result).lines().anyMatch(line -> line.contains(message)), "expected '" + message + "' in\n" + result);
    }

    private static String text(CliResult result) {
        return result.stdout() + result.stderr();
    }

    private static String gogo(EmbeddedRuntime runtime, String line) throws Exception {
        try {
            return runtime.gogo(line);
        } catch (EmbeddedRuntime.GogoException e) {
            return e.getMessage();
        }
    }

    private Path serverConfig(String name, int port) throws IOException {
        Path children = Files.createDirectories(temp.resolve(name + "-children"));
        Files.writeString(children.resolve(CHILD + ".yml"), "command: " + childCommand + "\n");
        return Files.writeString(temp.resolve(name + ".yml"),
                "loadpaths:\n  - " + children + "\nlistener_addr: 127.0.0.1\nport: " + port + "\n");
    }

    private long awaitOneChild() {
        return Awaitility.await("exactly one '" + childCommand + "' running").atMost(WITHIN).pollInterval(Duration.ofMillis(20))
                .until(this::childPids, pids -> pids.size() == 1).iterator().next();
    }

    /** The running children of this test, found by their unique command line. */
    private Set<Long> childPids() {
        Set<Long> pids = new HashSet<>();
        ProcessHandle.allProcesses().forEach(process -> {
            if (Proc.alive(process.pid()) && Proc.cmdline(process.pid()).equals(childCommand)) {
                pids.add(process.pid());
            }
        });
        return pids;
    }
}
