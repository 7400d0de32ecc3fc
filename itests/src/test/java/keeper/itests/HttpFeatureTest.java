package keeper.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.itests.harness.EmbeddedRuntime;
import keeper.itests.harness.HttpEndpoint;
import keeper.itests.harness.Proc;
import keeper.itests.harness.ServerDir;

/**
 * Issue 17: the http feature, hot-installed into a running server, opens the port of server.yml's
 * {@code http:} section and tells where; uninstalled, it closes it; children keep their pids throughout.
 */
class HttpFeatureTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final List<String> CHILDREN = List.of("web", "db", "cache");

    @TempDir
    Path temp;

    private ServerDir dir;

    @AfterEach
    void stopChildren() {
        CHILDREN.forEach(name -> Proc.killAll(dir.sleeper(name)));
    }

    @Test
    void featureInstallOpensTheConfiguredPortAndUninstallClosesItWhileChildrenKeepTheirPids() throws Exception {
        dir = ServerDir.create(temp.resolve("server"), "http:\n  listener_addr: 127.0.0.1\n  port: 0\n");
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(dir.serverYml(), dir.stateDir(), "core", "shell")) {
            Map<String, Long> pids = startChildren(runtime);
            assertTrue(HttpEndpoint.addresses(runtime).isEmpty(), "http is not in the default boot");

            runtime.gogo("keeper:feature-install http");
            String address = HttpEndpoint.await(runtime);
            URI uri = URI.create(address);
            assertEquals("127.0.0.1", uri.getHost());
            assertTrue(uri.getPort() > 0, address);
            HttpResponse<String> response = HttpEndpoint.get(address + "/no-such-page");
            assertEquals(404, response.statusCode(), "a real HTTP server answers on " + address);
            assertFalse(response.headers().firstValue("Server").isPresent(), "no server make or version");
            assertTrue(runtime.gogo("keeper:info").contains(address), "info tells where HTTP listens");
            HttpResponse<String> info = HttpEndpoint.get(address + "/api/info");
            assertEquals(200, info.statusCode(), info.body());
            assertTrue(info.body().startsWith("{") && info.body().contains(address), "info --json, through the API: " + info.body());
            assertEquals(List.of(), runtime.componentProblems());
            assertEquals(1, HttpEndpoint.jettyConfigurations(runtime).size());

            runtime.gogo("keeper:feature-uninstall http");
            Awaitility.await("HTTP port closed").atMost(WITHIN).until(() -> refused(uri.getPort()));
            assertTrue(HttpEndpoint.addresses(runtime).isEmpty());
            assertEquals(pids, currentPids(), "children keep their pids through install and uninstall");
        }
    }

    @Test
    void aSectionWithAnUnknownFieldKeepsThePortClosedAndTheRestOfTheServerRunning() throws Exception {
        dir = ServerDir.create(temp.resolve("server"), "http:\n  prot: 0\n");
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(dir.serverYml(), dir.stateDir(), "core", "shell")) {
            Map<String, Long> pids = startChildren(runtime);
            runtime.gogo("keeper:feature-install http");
            List<String> waiting = runtime.componentProblems();
            assertTrue(waiting.size() == 1 && waiting.get(0).startsWith("keeper.http.internal.HttpListener:"),
                    "only the listener waits, for a Jetty that never comes: " + waiting);
            // keeper.http ran as its bundle started: had it configured Jetty, the configuration would exist now
            assertEquals(List.of(), HttpEndpoint.jettyConfigurations(runtime), "nothing listens on a misconfigured section");
            assertTrue(runtime.gogo("keeper:check").contains("web"));
            assertEquals(pids, currentPids());
        }
    }

    private Map<String, Long> startChildren(EmbeddedRuntime runtime) throws Exception {
        for (String name : CHILDREN) {
            dir.sleeperChild(name, "");
            runtime.gogo("keeper:start " + name);
        }
        return currentPids();
    }

    private Map<String, Long> currentPids() {
        Map<String, Long> pids = new HashMap<>();
        CHILDREN.forEach(name -> pids.put(name, Proc.awaitSingle(dir.sleeper(name), WITHIN)));
        return pids;
    }

    private static boolean refused(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) WITHIN.toMillis());
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
