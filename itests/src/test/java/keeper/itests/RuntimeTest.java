package keeper.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.features.FeatureCatalog;
import keeper.itests.harness.Distribution;
import keeper.itests.harness.EmbeddedRuntime;
import keeper.itests.harness.ServerProcess;

/** Issue 3: the runtime boots the assembled bundles, reports ready, and stops cleanly. */
class RuntimeTest {

    private static final List<String> AUTH_BUNDLES = List.of("keeper.auth.pem", "bcprov", "bcpkix", "bcutil");

    @TempDir
    Path temp;

    @Test
    void everyFeatureNamesBundlesTheDistributionHas() throws Exception {
        FeatureCatalog catalog = FeatureCatalog.read(Distribution.root().resolve("etc/keeper.features"));
        for (var feature : catalog.features()) {
            for (String bundle : feature.bundles()) {
                assertTrue(Files.isRegularFile(Distribution.system().resolve(bundle + ".jar")),
                        "feature " + feature.name() + " names " + bundle + ", missing from system/");
            }
        }
    }

    @Test
    void coreAndShellBundlesAreActiveAndEveryComponentSatisfied() throws Exception {
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(defaultConfigOnFreePort(), temp.resolve("state"), "core",
                "shell")) {
            assertEquals(List.of(), runtime.inactiveBundles());
            assertEquals(List.of(), runtime.componentProblems());
            String lb = runtime.gogo("lb");
            for (String bundle : List.of("Keeper API", "Keeper process supervisor", "Keeper commands", "Keeper TCP transport",
                    "Keeper YAML configuration", "Keeper Gogo shell commands")) {
                assertTrue(lb.lines().anyMatch(line -> line.contains("Active") && line.contains(bundle)), bundle + " not active in:\n" + lb);
            }
        }
    }

    /** Issue 18: BouncyCastle and the PEM authenticator cost boot time and are needed only to check signatures. */
    @Test
    void encryptOffBootsWithoutTheAuthenticationBundlesAndEncryptOnInstallsThem() throws Exception {
        Path off = temp.resolve("off.yml");
        Files.writeString(off, "loadpaths: [children]\nport: 0\nencrypt: off\n");
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(off, temp.resolve("state-off"), "core")) {
            assertTrue(runtime.bundleNames().contains("keeper.config.yaml"), runtime.bundleNames().toString());
            for (String authBundle : AUTH_BUNDLES) {
                assertFalse(runtime.bundleNames().contains(authBundle), authBundle + " in " + runtime.bundleNames());
            }
        }
        Path on = temp.resolve("on.yml");
        Files.writeString(on, "loadpaths: [children]\nport: 0\nencrypt: on\n");
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(on, temp.resolve("state-on"), "core")) {
            assertTrue(runtime.bundleNames().containsAll(AUTH_BUNDLES), runtime.bundleNames().toString());
            assertEquals(List.of(), runtime.inactiveBundles());
            assertEquals(List.of(), runtime.componentProblems());
        }
    }

    /** Issue 18: a plain keeper-server (encrypt off, nothing in deploy/) runs the core feature alone: no FileInstall polling. */
    @Test
    void aPlainServerRunsTheCoreFeatureAlone() throws Exception {
        try (ServerProcess server = ServerProcess.start(defaultConfigOnFreePort(), temp.resolve("state"))) {
            String info = server.keeper("info").text();
            assertTrue(info.lines().anyMatch(line -> line.matches("features:\\s+core\\s*")), info);
        }
    }

    @Test
    void shellModeOnATerminalOffersGogoWithEveryBundleActive() throws Exception {
        Path config = defaultConfigOnFreePort();
        Path transcript = temp.resolve("terminal.log");
        // script(1) gives the server a real pseudo-terminal, as a person at a console would
        String command = Distribution.bin("keeper-server") + " --shell --state " + temp.resolve("state") + " " + config;
        Process terminal = new ProcessBuilder("script", "-qfc", command, "/dev/null")
                .redirectErrorStream(true).redirectOutput(transcript.toFile()).start();
        try (var typing = terminal.getOutputStream()) {
            Awaitility.await("Gogo prompt").atMost(Duration.ofSeconds(60)).until(() -> Files.readString(transcript).contains("g!"));
            typing.write("lb\n".getBytes());
            typing.flush();
            Awaitility.await("lb output").atMost(Duration.ofSeconds(30))
                    .until(() -> Files.readString(transcript).contains("Keeper Gogo shell commands"));
            String lb = Files.readString(transcript);
            for (String bundle : List.of("Keeper API", "Keeper process supervisor", "Keeper commands", "Keeper TCP transport",
                    "Keeper YAML configuration", "Keeper Gogo shell commands")) {
                assertTrue(lb.lines().anyMatch(line -> line.contains("Active") && line.contains(bundle)), bundle + " in:\n" + lb);
            }
            assertFalse(lb.lines().anyMatch(line -> line.matches("\\s*\\d+\\|(Installed|Resolved).*")), lb);
            Matcher pid = Pattern.compile("pid (\\d+)\\)").matcher(lb);
            assertTrue(pid.find(), lb);
            ProcessHandle.of(Long.parseLong(pid.group(1))).ifPresent(ProcessHandle::destroy);
            assertTrue(terminal.waitFor(30, TimeUnit.SECONDS), "SIGTERM stops the server in shell mode too");
        } finally {
            terminal.destroyForcibly();
        }
    }

    @Test
    void startsOnTheEmbeddedDefaultAndStopsOnSigterm() throws Exception {
        assertTrue(Files.readString(defaultConfig()).contains("\nport: " + Distribution.DEFAULT_PORT));
        // the distribution's own default binds a fixed port, which a server running beside the build holds
        Path dist = Distribution.copyOnFreePort(temp.resolve("dist"));
        try (ServerProcess server = ServerProcess.startFrom(dist, temp.resolve("state"))) {
            assertTrue(server.address().matches("tcp://127\\.0\\.0\\.1:\\d+")
                    && !server.address().endsWith(":0"), server.output());
            assertTrue(server.output().contains(dist.resolve("etc/server.yml").toString()), server.output());
            Optional<Integer> exit = server.terminate(Duration.ofSeconds(5));
            assertEquals(Optional.of(0), exit, server.output());
        }
    }

    @Test
    void missingServerConfigIsOneClearLineAndNonZeroExit() {
        Path missing = temp.resolve("nope/server.yml");
        try (ServerProcess server = ServerProcess.launch(missing, temp.resolve("state"), Map.of())) {
            Optional<Integer> exit = server.awaitExit(Duration.ofSeconds(30));
            assertTrue(exit.isPresent() && exit.get() != 0, "exit " + exit);
            assertEquals("keeper-server: cannot read server config '" + missing + "': no such file", server.output().strip());
        }
    }

    @Test
    void unknownOptionIsAUsageError() {
        try (ServerProcess server = ServerProcess.launch(null, temp.resolve("state"), Map.of(), "--verbose")) {
            assertEquals(Optional.of(2), server.awaitExit(Duration.ofSeconds(30)));
            assertTrue(server.output().startsWith("keeper-server: unknown option '--verbose'"), server.output());
            assertFalse(server.output().contains("Exception"), server.output());
        }
    }

    @Test
    void aSecondServerOnTheSameStateDirectoryIsRefused() throws Exception {
        Path config = defaultConfigOnFreePort();
        try (ServerProcess first = ServerProcess.start(config, temp.resolve("state"));
                ServerProcess second = ServerProcess.launch(config, temp.resolve("state"), Map.of())) {
            assertEquals(Optional.of(1), second.awaitExit(Duration.ofSeconds(30)), second.output());
            assertTrue(second.output().contains("another keeper-server (pid " + first.pid() + ")"), second.output());
            assertTrue(first.alive());
        }
    }

    private static Path defaultConfig() {
        return Distribution.root().resolve("etc/server.yml");
    }

    private Path defaultConfigOnFreePort() throws Exception {
        Path config = temp.resolve("server.yml");
        Files.writeString(config, "loadpaths: [children]\nport: 0\n");
        return config;
    }
}
