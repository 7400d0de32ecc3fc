package keeper.process.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import keeper.api.Probe;

/** Each probe kind against real loopback sockets, processes and files. */
class ProbeRunnerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path dir;
    private final SupervisorThreads threads = new SupervisorThreads();
    private final ProbeRunner runner = new ProbeRunner(threads);

    @AfterEach
    void stopThreads() {
        threads.shutdown();
    }

    @Test
    void tcpPassesWhenAConnectionIsAcceptedAndSaysWhyNot() throws Exception {
        int port;
        try (ServerSocket listening = new ServerSocket(0)) {
            port = listening.getLocalPort();
            assertEquals(new ProbeResult(true, "tcp 127.0.0.1:" + port + ": connected"), check(Probe.Kind.TCP,
                    "127.0.0.1:" + port));
        }
        assertEquals(new ProbeResult(false, "tcp 127.0.0.1:" + port + ": connection refused"),
                check(Probe.Kind.TCP, "127.0.0.1:" + port));
    }

    @Test
    void httpPassesOn2xxOnlyAndNeverReadsTheBody() throws Exception {
        AtomicInteger code = new AtomicInteger(204);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/healthz", exchange -> {
            exchange.sendResponseHeaders(code.get(), -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/healthz";
            assertEquals(new ProbeResult(true, "http " + url + ": answered 204"), check(Probe.Kind.HTTP, url));
            code.set(503);
            assertEquals(new ProbeResult(false, "http " + url + ": answered 503"), check(Probe.Kind.HTTP, url));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void execPassesOnExitZeroAndIsKilledByPidWhenItsTimeIsUp() throws Exception {
        assertTrue(check(Probe.Kind.EXEC, "true").passed());
        assertEquals("exec false: exit code 1", check(Probe.Kind.EXEC, "false").detail());

        Path pidFile = dir.resolve("pid");
        Probe slow = new Probe(Probe.Kind.EXEC, "sh -c 'echo $$ > pid; exec sleep 30'",
                List.of("sh", "-c", "echo $$ > " + pidFile + "; exec sleep 30"), Duration.ofMillis(500));
        ProbeResult result = runner.check(slow, slow.timeout(), dir, null).get();

        assertFalse(result.passed());
        assertTrue(result.detail().endsWith("no exit within 500 ms (killed)"), result.detail());
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        await().atMost(TIMEOUT).until(() -> SupervisorTestBase.gone(pid));
    }

    @Test
    void logMatchesOnlyLinesWrittenSinceTheStartAndAPartialLastLine() throws Exception {
        Path out = Files.writeString(dir.resolve("web.out.log"), "listening on 8080 (an earlier run)\n");
        LogCursor cursor = LogCursor.from(out, true);
        Probe probe = new Probe(Probe.Kind.LOG, "listening on [0-9]+", List.of(), TIMEOUT);

        assertEquals("log listening on [0-9]+: no line of web.out.log matched yet",
                runner.check(probe, TIMEOUT, dir, cursor).get().detail());
        Files.writeString(out, "starting\nlisten", StandardOpenOption.APPEND);
        assertFalse(cursor.find(Pattern.compile(probe.target())).passed());
        Files.writeString(out, "ing on 9090", StandardOpenOption.APPEND);
        assertTrue(runner.check(probe, TIMEOUT, dir, cursor).get().passed());
    }

    private ProbeResult check(Probe.Kind kind, String target) throws Exception {
        List<String> argv = kind == Probe.Kind.EXEC ? List.of(target.split(" ")) : List.of();
        return runner.check(new Probe(kind, target, argv, TIMEOUT), TIMEOUT, dir, null).get();
    }
}
