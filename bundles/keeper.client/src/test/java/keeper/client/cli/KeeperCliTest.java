package keeper.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.api.spi.auth.RequestSigner;
import keeper.api.spi.command.Reply;
import keeper.api.spi.transport.Connector;
import keeper.client.LoopbackServer;
import keeper.client.ProgressFeed;

/** The CLI end to end, in-process: the test class path provides a tcp Connector through META-INF/services. */
class KeeperCliTest {

    @TempDir
    Path pluginDir;

    @TempDir
    Path home;

    private Map<String, String> env = Map.of();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private LoopbackServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private int keeper(String... args) {
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        return new KeeperCli(stdout, stderr, Optional.of(pluginDir), env, home).run(List.of(args));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private LoopbackServer echo() throws IOException {
        server = LoopbackServer.start((envelope, caller) -> Reply.ok("did " + envelope.line()
                + (envelope.isSigned() ? " signed by " + envelope.credentials().get("key") : "")));
        return server;
    }

    @Test
    void escapeSequencesInRepliesReachTheTerminalEscaped() throws IOException {
        server = LoopbackServer.start((envelope, caller) -> Reply.ok("web\u001b]0;owned\u0007  RUNNING\n\u001b[2Jnext\u2028line\u202e"));
        assertEquals(0, keeper("check", "on", server.address()));
        assertEquals("web\\x1b]0;owned\\x07  RUNNING\n\\x1b[2Jnext\\u2028line\\u202e\n", out());
    }

    @Test
    void versionPrintsTheBuiltVersion() {
        assertEquals(0, keeper("--version"));
        assertTrue(out().matches("keeper \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), out());
    }

    @Test
    void helpShowsTheGrammarAndExamples() {
        assertEquals(0, keeper("--help"));
        assertTrue(out().startsWith("Usage: keeper <command> [child|all] [--json] [on HOST]... [with /path/to/key.pem]"), out());
        assertTrue(out().contains("keeper restart web on hostA on hostB with ~/.keeper/ops.pem"), out());
        assertTrue(out().contains("keeper check on \"10.0.0.1, 10.0.0.2\""), out());
    }

    @Test
    void usageErrorsExitTwoAndNameTheWord() {
        assertEquals(2, keeper("restart", "web", "on", "host", "foo"));
        assertEquals("keeper: unexpected word 'foo' after 'on host'\n", err());
        assertEquals("", out());
    }

    @Test
    void noArgumentsIsAUsageError() {
        assertEquals(2, keeper());
        assertEquals("keeper: no command given; try keeper --help\n", err());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(2, keeper("check", "--timeout", "soon"));
        assertEquals(2, keeper("check", "--timeout"));
        assertEquals(2, keeper("--frobnicate"));
        assertEquals("keeper: bad --timeout 'soon': it must be a whole number of seconds from 1 to 999999\n"
                + "keeper: '--timeout' needs a number of seconds, e.g. --timeout 30\n"
                + "keeper: no command given after '--frobnicate'; try keeper --help\n", err());
    }

    @Test
    void aLongStartAllPrintsItsProgressOnStderrAndItsReplyAsBeforeAfterTheTimeoutWouldHavePassed() throws IOException {
        server = LoopbackServer.start((envelope, caller) -> envelope.line().equals("start all --progress")
                ? ProgressFeed.reply(12, Reply.ok("web started (pid 42)\ndb started (pid 43)"))
                : Reply.error("unexpected " + envelope.line()));

        assertEquals(0, keeper("start", "all", "on", server.address(), "--timeout", "1"));

        assertEquals("web started (pid 42)\ndb started (pid 43)\n", out());
        assertTrue(err().startsWith("started 0 of 12\nstarted 1 of 12\n"), err());
        assertTrue(err().endsWith("started 12 of 12\n"), err());
    }

    @Test
    void aServerOfBeforeProgressIsAskedAgainWithoutItAndAQuickReplyPrintsNoProgress() throws IOException {
        server = LoopbackServer.start((envelope, caller) -> envelope.line().contains("--progress")
                ? Reply.error("usage: stop takes no options, got '--progress'") : Reply.ok("did " + envelope.line()));

        assertEquals(0, keeper("stop", "all", "on", server.address()));

        assertEquals("did stop all\n", out());
        assertEquals("", err());
    }

    @Test
    void onlyCommandsThatActOnChildrenAskForProgressAndAnOptionTheUserGaveIsNotTakenBack() throws IOException {
        server = LoopbackServer.start((envelope, caller) -> envelope.line().contains("--progress")
                ? Reply.error("usage: status takes no options, got '--progress'") : Reply.ok("did " + envelope.line()));

        assertEquals(0, keeper("status", "on", server.address()));
        assertEquals(2, keeper("status", "--progress", "on", server.address()));

        assertEquals("did status\nusage: status takes no options, got '--progress'\n", out());
    }

    @Test
    void oneHostDownExitsOneAndTheOtherBlockIsStillPrinted() throws IOException {
        String up = echo().address();
        String down = "127.0.0.1:" + LoopbackServer.closedPort();

        assertEquals(1, keeper("restart", "web", "on", down + "," + up, "--timeout", "5"));

        assertEquals("== " + down + " ==\ncannot connect to " + down + ": connection refused (is keeper-server running there?)\n"
                + "== " + up + " ==\ndid restart web --progress\n", out());
    }

    @Test
    void jsonIsOneLinePerHostWithTheHostFirstAndErrorsAsJsonToo() throws Exception {
        server = LoopbackServer.start((envelope, caller) -> envelope.line().equals("status --json")
                ? Reply.ok("{\"children\":[{\"name\":\"web\u202e\u009b\",\"pid\":42}],\n \"problems\":[]}")
                : Reply.error("usage: status has no option"));
        String up = server.address();
        String down = "127.0.0.1:" + LoopbackServer.closedPort();

        assertEquals(1, keeper("status", "on", up + "," + down, "--json", "--timeout", "5"));

        List<String> lines = out().lines().toList();
        assertEquals(2, lines.size(), out());
        ObjectMapper jackson = new ObjectMapper();
        JsonNode first = jackson.readTree(lines.get(0));
        assertEquals(up, first.get("host").asText());
        assertTrue(first.get("ok").asBoolean());
        assertEquals("web\u202e\u009b", first.get("children").get(0).get("name").asText());
        assertTrue(lines.get(0).contains("web\\u202e\\u009b"), "a bidi override and a C1 control reach the terminal escaped");
        JsonNode second = jackson.readTree(lines.get(1));
        assertEquals(down, second.get("host").asText());
        assertFalse(second.get("ok").asBoolean());
        assertEquals("cannot connect to " + down + ": connection refused (is keeper-server running there?)",
                second.get("error").asText());
        assertEquals(List.of("host", "ok", "error"), fieldNames(second));
    }

    @Test
    void jsonMayBeAskedBeforeTheCommandAndAServerUsageErrorStillExitsTwo() throws Exception {
        server = LoopbackServer.start((envelope, caller) -> Reply.error("usage: stop takes no options, got '--json'"));

        assertEquals(2, keeper("--json", "stop", "web", "on", server.address()));

        JsonNode line = new ObjectMapper().readTree(out());
        assertEquals("usage: stop takes no options, got '--json'", line.get("error").asText());
    }

    @Test
    void hostsKeyAndTimeoutComeFromTheConfigFileThenTheEnvironmentThenTheCommandLine() throws Exception {
        String fromFile = echo().address();
        LoopbackServer second = LoopbackServer.start((envelope, caller) -> Reply.ok("second " + envelope.line()
                + (envelope.isSigned() ? " signed by " + envelope.credentials().get("key") : "")));
        PluginJar.write(pluginDir.resolve("keeper.auth.test.jar"), RequestSigner.class, CountingSigner.class.getName(), CountingSigner.class);
        try {
            Path config = Files.createDirectories(home.resolve(".config/keeper")).resolve("client.yml");
            Files.writeString(config, "# mine\nhosts:\n  - " + fromFile + "\nkey: ~/keys/file.pem\ntimeout: 7\n");

            assertEquals(0, keeper("check"));
            assertEquals("did check signed by file.pem\n", out());

            out.reset();
            env = Map.of("KEEPER_HOST", second.address(), "KEEPER_KEY", "~/keys/env.pem");
            assertEquals(0, keeper("check"));
            assertEquals("second check signed by env.pem\n", out());

            out.reset();
            assertEquals(0, keeper("check", "on", fromFile, "with", "/keys/words.pem"));
            assertEquals("did check signed by words.pem\n", out());
        } finally {
            second.close();
        }
    }

    @Test
    void theConfigFileIsFoundThroughXdgOrKeeperClientConfigAndABadOneIsAOneLineError() throws Exception {
        Path xdg = Files.createDirectories(home.resolve("xdg/keeper"));
        Files.writeString(xdg.resolve("client.yml"), "hosts: [a]\ntimeout: soon\n");
        env = Map.of("XDG_CONFIG_HOME", home.resolve("xdg").toString());

        assertEquals(2, keeper("check"));
        assertEquals("keeper: " + xdg.resolve("client.yml") + ":2: field 'timeout': must be a whole number of seconds"
                + " from 1 to 999999, got 'soon'\n", err());

        err.reset();
        Path elsewhere = home.resolve("other.yml");
        Files.writeString(elsewhere, "hots: a\n");
        env = Map.of("XDG_CONFIG_HOME", home.resolve("xdg").toString(), "KEEPER_CLIENT_CONFIG", elsewhere.toString());
        assertEquals(2, keeper("check"));
        assertEquals("keeper: " + elsewhere + ":1: field 'hots': unknown field; the fields are hosts, key, timeout, zookeeper\n", err());

        err.reset();
        env = Map.of("KEEPER_HOST", "x:99999");
        assertEquals(2, keeper("check"));
        assertEquals("keeper: environment variable KEEPER_HOST: bad host 'x:99999': port must be 1-65535\n", err());
    }

    @Test
    void hiddenCompleteListsOnlyPlainChildNamesAndIsSilentOnAnyFailure() throws Exception {
        server = LoopbackServer.start((envelope, caller) -> envelope.line().equals("status --json")
                ? Reply.ok("{\"children\":[{\"name\":\"web\"},{\"name\":\"$(reboot)\"},{\"name\":\"db\"},"
                        + "{\"name\":\"a b\"},{\"nameless\":1},{\"name\":\"web\"}]}")
                : Reply.error("unexpected " + envelope.line()));

        assertEquals(0, keeper("__complete", "on", server.address()));
        assertEquals("db\nweb\n", out());

        out.reset();
        assertEquals(0, keeper("__complete", "on", "127.0.0.1:" + LoopbackServer.closedPort()));
        assertEquals(0, keeper("__complete", "on"));
        assertEquals(0, keeper("__complete", "on", "plugin://nowhere"));
        assertEquals("", out());
        assertEquals("", err());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void everyHostOkExitsZero() throws IOException {
        String up = echo().address();

        assertEquals(0, keeper("check", "on", up));
        assertEquals(0, keeper("--timeout=3", "check", "on", up));
        assertEquals("did check\ndid check\n", out());
    }

    @Test
    void aSchemeFromThePluginDirectoryWorksAndWithoutItTheMessageSaysWhatToInstall() throws IOException {
        String address = "plugin://" + echo().address();

        assertEquals(1, keeper("check", "on", address));
        assertEquals("no transport for scheme 'plugin', install the keeper.transport.plugin bundle\n", out());

        PluginJar.write(pluginDir.resolve("keeper.transport.plugin.jar"), Connector.class, PluginConnector.class.getName(), PluginConnector.class);
        out.reset();

        assertEquals(0, keeper("check", "on", address));
        assertEquals("did check\n", out());
    }

    @Test
    void withoutASignerPluginSigningIsRefused() throws IOException {
        String up = echo().address();

        assertEquals(1, keeper("check", "on", up, "with", "/keys/ops.pem"));
        assertEquals("keeper: signing needs the keeper.auth.pem bundle\n", err());
    }

    @Test
    void theSignerIsLoadedOnlyForASignedRequest() throws IOException {
        String up = echo().address();
        PluginJar.write(pluginDir.resolve("keeper.auth.test.jar"), RequestSigner.class, CountingSigner.class.getName(), CountingSigner.class);
        int before = CountingSigner.LOADED.get();

        assertEquals(0, keeper("check", "on", up));
        assertEquals(before, CountingSigner.LOADED.get());

        assertEquals(0, keeper("check", "on", up, "with", "/keys/ops.pem"));
        assertEquals(before + 1, CountingSigner.LOADED.get());
        assertEquals("did check\ndid check signed by ops.pem\n", out());
    }
}
