package keeper.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.itests.harness.EmbeddedRuntime;
import keeper.itests.harness.HttpEndpoint;
import keeper.itests.harness.HttpEndpoint.Response;
import keeper.itests.harness.Proc;
import keeper.itests.harness.ServerDir;

/**
 * Issue 17: beyond loopback or with encrypt on, every HTTP request needs a bearer token of
 * {@code <state>/http-tokens}; without a usable token file the port stays closed.
 */
class HttpAuthTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String START = "X-Keeper-Request: 1\r\n";

    @TempDir
    Path temp;

    private ServerDir dir;

    @AfterEach
    void stopChildren() {
        Proc.killAll(dir.sleeper("web"));
    }

    @Test
    void beyondLoopbackEveryRequestNeedsABearerTokenAndLearnsNothingWithout() throws Exception {
        dir = ServerDir.create(temp.resolve("server"), "http:\n  listener_addr: 0.0.0.0\n  port: 0\n");
        dir.sleeperChild("web", "");
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(dir.serverYml(), dir.stateDir(), "core", "shell", "http")) {
            int port = HttpEndpoint.awaitPort(runtime);
            Path tokens = dir.stateDir().resolve("http-tokens");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens)));
            String token = HttpEndpoint.token(dir.stateDir());
            String host = "keeper.example:" + port;

            for (Response refused : List.of(
                    HttpEndpoint.request(port, host, "GET", "/api/children", ""),
                    HttpEndpoint.request(port, host, "GET", "/api/info", "Authorization: Bearer wrong\r\n"),
                    HttpEndpoint.request(port, host, "POST", "/api/children/web/start", START + "Authorization: Basic " + token + "\r\n"),
                    HttpEndpoint.request(port, host, "GET", "/api/events", ""))) {
                assertEquals(401, refused.status(), refused.toString());
                assertTrue(refused.head().contains("WWW-Authenticate: Bearer"), refused.head());
                assertEquals("{\"error\":\"authentication required\"}", refused.body(), "learns nothing");
            }
            assertEquals(List.of(), Proc.pidsOf(dir.sleeper("web")));
            Response nowhere = HttpEndpoint.request(port, host, "GET", "/no-such-page", "");
            assertFalse(nowhere.status() == 200, nowhere.toString());
            assertFalse(nowhere.toString().toLowerCase().contains("jetty") || nowhere.toString().contains("12.0"),
                    "not even a path outside the API tells the server's make: " + nowhere);

            String bearer = "Authorization: Bearer " + token + "\r\n";
            Response list = HttpEndpoint.request(port, host, "GET", "/api/children", bearer);
            assertEquals(200, list.status(), "the server's own name is fine with a token: " + list);
            assertTrue(list.body().contains("\"name\":\"web\""), list.body());
            assertEquals(403, HttpEndpoint.request(port, host, "POST", "/api/children/web/start", bearer).status(),
                    "a state change still needs the header");
            Response start = HttpEndpoint.request(port, host, "POST", "/api/children/web/start", bearer + START);
            assertEquals(200, start.status(), start.toString());
            Proc.awaitSingle(dir.sleeper("web"), WITHIN);
        }
    }

    @Test
    void withEncryptOnATokenStandsForTheSignatureOnLoopbackToo() throws Exception {
        dir = ServerDir.create(temp.resolve("server"), "encrypt: on\nhttp:\n  port: 0\n");
        dir.sleeperChild("web", "");
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(dir.serverYml(), dir.stateDir(), "core", "shell", "http")) {
            int port = HttpEndpoint.awaitPort(runtime);
            String local = "127.0.0.1:" + port;
            assertEquals(401, HttpEndpoint.request(port, local, "POST", "/api/children/web/start", START).status());
            String bearer = "Authorization: Bearer " + HttpEndpoint.token(dir.stateDir()) + "\r\n";
            Response start = HttpEndpoint.request(port, local, "POST", "/api/children/web/start", bearer + START);
            assertEquals(200, start.status(), "the HTTP edge vouches for a caller with a token: " + start);
            Proc.awaitSingle(dir.sleeper("web"), WITHIN);
        }
    }

    @Test
    void aTokenFileOthersMayReadKeepsThePortClosed() throws Exception {
        dir = ServerDir.create(temp.resolve("server"), "http:\n  listener_addr: 0.0.0.0\n  port: 0\n");
        Path tokens = Files.createDirectories(dir.stateDir()).resolve("http-tokens");
        Files.writeString(tokens, "s3cret-token-of-forty-characters-or-more\n");
        Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-r--r--"));
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(dir.serverYml(), dir.stateDir(), "core", "shell", "http")) {
            List<String> waiting = runtime.componentProblems();
            assertTrue(waiting.size() == 1 && waiting.get(0).startsWith("keeper.http.internal.HttpListener:"), waiting.toString());
            assertEquals(List.of(), HttpEndpoint.jettyConfigurations(runtime), "Jetty was never configured, so never bound");
            assertFalse(runtime.gogo("keeper:info").contains("http://"));
        }
    }
}
