package keeper.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.itests.harness.EmbeddedRuntime;
import keeper.itests.harness.HttpEndpoint;
import keeper.itests.harness.HttpEndpoint.Response;
import keeper.itests.harness.Proc;
import keeper.itests.harness.ServerDir;

/**
 * Issue 17: the JSON API and the event stream over real HTTP on loopback change and report real
 * processes, and refuse forged and cross-site requests without telling them anything.
 */
class HttpApiTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final List<String> CHILDREN = List.of("web", "db");

    @TempDir
    Path temp;

    private ServerDir dir;
    private EmbeddedRuntime runtime;
    private int port;

    @BeforeEach
    void boot() throws Exception {
        dir = ServerDir.create(temp.resolve("server"), "http:\n  port: 0\n");
        CHILDREN.forEach(name -> dir.sleeperChild(name, ""));
        runtime = EmbeddedRuntime.boot(dir.serverYml(), dir.stateDir(), "core", "shell", "http");
        port = HttpEndpoint.awaitPort(runtime);
    }

    @AfterEach
    void stop() throws Exception {
        runtime.close();
        CHILDREN.forEach(name -> Proc.killAll(dir.sleeper(name)));
    }

    @Test
    void theApiListsStartsAndStopsRealProcesses() throws Exception {
        Response list = request("GET", "/api/children", "");
        assertEquals(200, list.status(), list.toString());
        assertTrue(list.body().contains("\"name\":\"web\"") && list.body().contains("\"state\":\"stopped\""), list.body());
        assertTrue(list.head().contains("X-Content-Type-Options: nosniff") && list.head().contains("Cache-Control: no-store"),
                list.head());

        Response start = request("POST", "/api/children/web/start", "X-Keeper-Request: 1\r\n");
        assertEquals(200, start.status(), start.toString());
        assertTrue(start.body().contains("\"ok\":true"), start.body());
        long pid = Proc.awaitSingle(dir.sleeper("web"), WITHIN);

        Response web = request("GET", "/api/children/web", "");
        assertEquals(200, web.status(), web.toString());
        assertTrue(web.body().contains("\"pid\":" + pid) && web.body().contains("\"state\":\"running\""), web.body());
        assertEquals(404, request("GET", "/api/children/nosuch", "").status());

        Response again = request("POST", "/api/children/web/start", "X-Keeper-Request: 1\r\n");
        assertEquals(409, again.status(), "refused like the CLI's start: " + again);
        assertTrue(again.body().contains("\"ok\":false") && again.body().contains("already running"), again.body());
        assertEquals(pid, Proc.awaitSingle(dir.sleeper("web"), WITHIN));

        Response stop = request("POST", "/api/children/web/stop", "X-Keeper-Request: 1\r\n");
        assertEquals(200, stop.status(), stop.toString());
        Proc.awaitDead(pid, WITHIN);
        assertTrue(request("GET", "/api/children/web", "").body().contains("\"state\":\"stopped\""));
        assertEquals(List.of(), Proc.pidsOf(dir.sleeper("db")), "only web was started");
    }

    @Test
    void theEventStreamTellsAStateChange() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) WITHIN.toMillis());
            send(socket, "GET", "/api/events", "");
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertTrue(in.readLine().startsWith("HTTP/1.1 200"));
            readUntil(in, ": keeper events");

            CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> readUntil(in, "\"state\":\"running\""));
            assertEquals(200, request("POST", "/api/children/db/start", "X-Keeper-Request: 1\r\n").status());
            String event = running.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
            long pid = Proc.awaitSingle(dir.sleeper("db"), WITHIN);
            assertTrue(event.startsWith("data: {") && event.contains("\"name\":\"db\"") && event.contains("\"pid\":" + pid)
                    && event.contains("\"previous\":\"starting\""), event);
        }
    }

    @Test
    void forgedAndCrossSiteRequestsAreRefusedAndLearnNothing() throws Exception {
        List<Response> refused = List.of(
                request("POST", "/api/children/web/start", ""),
                request("POST", "/api/children/web/start", "X-Keeper-Request: 1\r\nOrigin: https://evil.example\r\n"),
                request("POST", "/api/children/web/start", "X-Keeper-Request: 1\r\nSec-Fetch-Site: cross-site\r\n"),
                request("evil.example:" + port, "POST", "/api/children/web/start", "X-Keeper-Request: 1\r\n"),
                request("evil.example:" + port, "GET", "/api/children", ""),
                request("evil.example:" + port, "GET", "/api/info", ""),
                request("GET", "/api/children", "Origin: https://evil.example\r\n"));
        for (Response response : refused) {
            assertEquals(403, response.status(), response.toString());
            assertFalse(response.body().contains("web") || response.body().contains("db")
                    || response.body().toLowerCase().contains("keeper ") || response.body().contains("0.1.0"),
                    "a refused request learns nothing: " + response);
            assertFalse(response.head().toLowerCase().contains("server:"), "no server make: " + response);
        }
        assertEquals(List.of(), Proc.pidsOf(dir.sleeper("web")), "no refused request started anything");
        assertEquals(200, request("POST", "/api/children/web/start", "X-Keeper-Request: 1\r\n").status());
        Proc.awaitSingle(dir.sleeper("web"), WITHIN);
    }

    private Response request(String method, String path, String headers) throws IOException {
        return HttpEndpoint.request(port, "127.0.0.1:" + port, method, path, headers);
    }

    private Response request(String host, String method, String path, String headers) throws IOException {
        return HttpEndpoint.request(port, host, method, path, headers);
    }

    private void send(Socket socket, String method, String path, String headers) throws IOException {
        socket.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + headers
                + "\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Reads lines until one contains {@code text}, and answers it. */
    private static String readUntil(BufferedReader in, String text) {
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.contains(text)) {
                    return line;
                }
            }
            throw new AssertionError("the stream ended before '" + text + "'");
        } catch (IOException e) {
            throw new AssertionError("reading the event stream", e);
        }
    }
}
