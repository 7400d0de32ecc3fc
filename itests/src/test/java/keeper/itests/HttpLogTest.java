package keeper.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.itests.harness.EmbeddedRuntime;
import keeper.itests.harness.HttpEndpoint;
import keeper.itests.harness.HttpEndpoint.Response;
import keeper.itests.harness.Proc;
import keeper.itests.harness.ServerDir;

/** Issue 17: a child's log through the API, its last lines and, followed, every new line in order. */
class HttpLogTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final Pattern TICK = Pattern.compile("tick (\\d+)");
    private static final String START = "X-Keeper-Request: 1\r\n";

    @TempDir
    Path temp;

    private final List<Long> pids = new ArrayList<>();

    @AfterEach
    void stopChildren() {
        pids.forEach(Proc::kill9);
    }

    @Test
    void theLastLinesAndThenEveryNewLineInOrder() throws Exception {
        ServerDir dir = ServerDir.create(temp.resolve("server"), "http:\n  port: 0\n");
        dir.child("talker", "command: 'i=0; while :; do i=$((i+1)); echo \"tick $i\"; sleep 0.02; done'\nshell: true\n");
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(dir.serverYml(), dir.stateDir(), "core", "shell", "http")) {
            int port = HttpEndpoint.awaitPort(runtime);
            String host = "127.0.0.1:" + port;
            assertEquals(200, HttpEndpoint.request(port, host, "POST", "/api/children/talker/start", START).status());
            Matcher pid = Pattern.compile("\"pid\":(\\d+)")
                    .matcher(HttpEndpoint.request(port, host, "GET", "/api/children/talker", "").body());
            assertTrue(pid.find());
            pids.add(Long.parseLong(pid.group(1)));
            Path log = dir.stateDir().resolve("logs").resolve("talker.out.log");
            Awaitility.await("five lines").atMost(WITHIN).until(() -> Files.readString(log).contains("tick 5\n"));

            Response tail = HttpEndpoint.request(port, host, "GET", "/api/children/talker/log?lines=3", "");
            assertEquals(200, tail.status(), tail.toString());
            List<Long> numbers = ticks(tail.body());
            assertEquals(3, numbers.size(), tail.body());
            assertEquals(List.of(numbers.get(0), numbers.get(0) + 1, numbers.get(0) + 2), numbers, tail.body());
            assertTrue(tail.body().startsWith("{\"lines\":[\"tick "), tail.body());
            assertEquals(404, HttpEndpoint.request(port, host, "GET", "/api/children/nobody/log", "").status());
            assertEquals(404, HttpEndpoint.request(port, host, "GET", "/api/children/talker/log?lines=0", "").status());

            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout((int) WITHIN.toMillis());
                socket.getOutputStream().write(("GET /api/children/talker/log?follow=1&lines=1 HTTP/1.1\r\nHost: " + host
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                assertTrue(in.readLine().startsWith("HTTP/1.1 200"));
                List<Long> followed = new ArrayList<>();
                while (followed.size() < 30) {
                    String line = in.readLine();
                    if (line.startsWith("data: ")) {
                        followed.addAll(ticks(line));
                    }
                }
                for (int i = 1; i < followed.size(); i++) {
                    assertEquals(followed.get(i - 1) + 1, followed.get(i), "every line once, in order: " + followed);
                }
            }
        }
    }

    private static List<Long> ticks(String text) {
        List<Long> numbers = new ArrayList<>();
        Matcher tick = TICK.matcher(text);
        while (tick.find()) {
            numbers.add(Long.parseLong(tick.group(1)));
        }
        return numbers;
    }
}
