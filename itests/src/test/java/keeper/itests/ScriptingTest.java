package keeper.itests;

import static keeper.itests.ProcessControlTest.ok;
import static keeper.itests.ProcessControlTest.pid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import keeper.itests.harness.Cli;
import keeper.itests.harness.CliResult;
import keeper.itests.harness.OpenSsl;
import keeper.itests.harness.Proc;
import keeper.itests.harness.ServerDir;
import keeper.itests.harness.ServerProcess;

/**
 * Issue 15, scripting: {@code --json} read by a real JSON parser, and client defaults from client.yml and
 * KEEPER_HOST/KEEPER_KEY against a real server with {@code encrypt: on}, so the key really matters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScriptingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** No client.yml of the machine's user may leak into the test. */
    private static final String NO_XDG = "XDG_CONFIG_HOME";

    @TempDir
    static Path temp;

    private Path key;
    private Path stranger;
    private ServerDir signedDir;
    private ServerDir openDir;
    private ServerProcess signed;
    private ServerProcess open;

    @BeforeAll
    void startServers() throws Exception {
        key = OpenSsl.ed25519(Files.createDirectories(temp.resolve("private")), "ops");
        stranger = OpenSsl.ed25519(Files.createDirectories(temp.resolve("stranger")), "ops");
        signedDir = ServerDir.create(temp.resolve("signed"), "encrypt: on\nlistener_addr: 127.0.0.1\npub_keys_path:\n  - keys\n");
        OpenSsl.publicKey(key, Files.createDirectories(temp.resolve("signed/keys")));
        signedDir.sleeperChild("web", "");
        openDir = ServerDir.create(temp.resolve("open"));
        openDir.sleeperChild("db", "");
        signed = signedDir.start();
        open = openDir.start();
    }

    @AfterAll
    void stopServers() {
        for (ServerProcess server : new ServerProcess[] {signed, open}) {
            if (server != null) {
                server.close();
            }
        }
        Proc.killAll(signedDir.sleeper("web"));
        Proc.killAll(openDir.sleeper("db"));
    }

    private CliResult keeper(Map<String, String> env, String... args) {
        Map<String, String> isolated = new java.util.HashMap<>(Map.of(NO_XDG, temp.resolve("no-xdg").toString()));
        isolated.putAll(env);
        return Cli.keeper(isolated, args);
    }

    private static List<JsonNode> lines(CliResult result) throws Exception {
        List<JsonNode> documents = new java.util.ArrayList<>();
        for (String line : result.stdout().lines().toList()) {
            documents.add(JSON.readTree(line));
        }
        return documents;
    }

    @Test
    void statusCheckAndInfoAnswerJsonThatARealParserReads() throws Exception {
        long web = pid(ok(keeper(Map.of(), "start", "web", "on", signed.host(), "with", key.toString())));

        JsonNode status = lines(ok(keeper(Map.of(), "status", "--json", "on", signed.host(), "with", key.toString()))).get(0);
        assertEquals(signed.host(), status.get("host").asText());
        assertTrue(status.get("ok").asBoolean());
        JsonNode child = status.get("children").get(0);
        assertEquals("web", child.get("name").asText());
        assertEquals("running", child.get("state").asText());
        assertEquals(web, child.get("pid").asLong());
        assertTrue(Proc.alive(child.get("pid").asLong()));
        assertTrue(child.get("uptime_ms").asLong() >= 0);
        assertTrue(child.get("exit_code").isNull());
        assertEquals(0, status.get("problems").size());

        JsonNode check = lines(ok(keeper(Map.of(), "check", "web", "--json", "on", signed.host(), "with", key.toString()))).get(0);
        assertEquals(web, check.get("children").get(0).get("pid").asLong());

        JsonNode info = lines(ok(keeper(Map.of(), "--json", "info", "on", signed.host(), "with", key.toString()))).get(0);
        assertEquals(signed.pid(), info.get("pid").asLong());
        assertTrue(info.get("config").get("encrypt").asBoolean());
        assertEquals("[\"" + signed.address() + "\"]", info.get("listening").toString());
        assertEquals("[\"web\"]", info.get("running").toString());

        JsonNode spec = lines(ok(keeper(Map.of(), "info", "web", "--json", "on", signed.host(), "with", key.toString()))).get(0);
        assertEquals(signedDir.sleeper("web"), spec.get("command").asText());
    }

    @Test
    void severalHostsGiveOneJsonLineEachInTheirOrderAndAFailedHostIsJsonToo() throws Exception {
        String down = "127.0.0.1:" + keeper.itests.harness.Ports.free();
        CliResult result = keeper(Map.of(), "status", "--json", "on", open.host() + "," + signed.host() + "," + down);

        assertEquals(1, result.exitCode(), result.toString());
        List<JsonNode> hosts = lines(result);
        assertEquals(3, hosts.size(), result.toString());
        assertEquals(open.host(), hosts.get(0).get("host").asText());
        assertTrue(hosts.get(0).get("ok").asBoolean());
        assertEquals("db", hosts.get(0).get("children").get(0).get("name").asText());
        assertEquals(signed.host(), hosts.get(1).get("host").asText());
        assertFalse(hosts.get(1).get("ok").asBoolean());
        assertTrue(hosts.get(1).get("error").asText().startsWith("authentication failed"), result.toString());
        assertEquals(down, hosts.get(2).get("host").asText());
        assertTrue(hosts.get(2).get("error").asText().contains("refused"), result.toString());

        CliResult badOption = keeper(Map.of(), "stop", "db", "--json", "on", open.host());
        assertEquals(2, badOption.exitCode(), badOption.toString());
        assertEquals("usage: stop has no option '--json'; it takes --progress", lines(badOption).get(0).get("error").asText());
    }

    @Test
    void defaultsComeFromClientYmlAndTheEnvironmentAndTheCommandLineWins() throws Exception {
        Path file = temp.resolve("client.yml");
        Files.writeString(file, "# my servers\nhosts:\n  - " + signed.host() + "\nkey: " + key + "\ntimeout: 20\n");
        Map<String, String> fromFile = Map.of("KEEPER_CLIENT_CONFIG", file.toString());
        assertEquals(signed.pid(), serverPid(ok(keeper(fromFile, "info", "--json"))));

        Path xdg = Files.createDirectories(temp.resolve("xdg/keeper"));
        Files.copy(file, xdg.resolve("client.yml"));
        assertEquals(signed.pid(), serverPid(ok(keeper(Map.of(NO_XDG, temp.resolve("xdg").toString()), "info", "--json"))));

        Map<String, String> fromEnv = Map.of("KEEPER_HOST", signed.host(), "KEEPER_KEY", key.toString());
        assertEquals(signed.pid(), serverPid(ok(keeper(fromEnv, "info", "--json"))));

        CliResult unsigned = keeper(Map.of("KEEPER_HOST", signed.host()), "info");
        assertEquals(1, unsigned.exitCode(), "encrypt is on: without the key the server refuses\n" + unsigned);

        Map<String, String> envOverFile = Map.of("KEEPER_CLIENT_CONFIG", file.toString(), "KEEPER_HOST", open.host());
        assertEquals(open.pid(), serverPid(ok(keeper(envOverFile, "info", "--json"))));

        assertEquals(open.pid(), serverPid(ok(keeper(fromEnv, "info", "--json", "on", open.host()))));
        CliResult wrongKey = keeper(fromEnv, "info", "with", stranger.toString());
        assertEquals(1, wrongKey.exitCode(), "the command line's key wins over KEEPER_KEY\n" + wrongKey);
        assertTrue(wrongKey.text().contains("authentication failed"), wrongKey.toString());

        Files.writeString(file, "hosts: [" + signed.host() + "]\nkey: ops\n");
        CliResult bad = keeper(fromFile, "info");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertEquals("keeper: " + file + ":2: field 'key': key file 'ops' must be a .pem file, e.g. with ~/.keeper/ops.pem\n",
                bad.stderr());
    }

    private static long serverPid(CliResult result) throws Exception {
        return lines(result).get(0).get("pid").asLong();
    }
}
