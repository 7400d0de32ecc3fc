package keeper.itests;

import static keeper.itests.ProcessControlTest.lastPid;
import static keeper.itests.ProcessControlTest.ok;
import static keeper.itests.ProcessControlTest.pid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.itests.harness.Cli;
import keeper.itests.harness.CliResult;
import keeper.itests.harness.Ports;
import keeper.itests.harness.Proc;
import keeper.itests.harness.RawClient;
import keeper.itests.harness.ServerDir;
import keeper.itests.harness.ServerProcess;

/**
 * Issue 5: two real servers, one on 127.0.0.1 and one on ::1, driven by the real {@code bin/keeper}
 * with the seed's grammar; the wire protocol's defences checked with raw sockets.
 */
class RemoteClientTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    private ServerDir v4Dir;
    private ServerDir v6Dir;
    private ServerProcess v4;
    private ServerProcess v6;

    @BeforeEach
    void startTwoServers() {
        Assumptions.assumeTrue(loopbackV6(), "no ::1 on this machine");
        v4Dir = ServerDir.create(temp.resolve("v4"));
        v6Dir = ServerDir.create(temp.resolve("v6"), "listener_addr: \"::1\"\n");
        v4Dir.sleeperChild("web", "");
        v6Dir.sleeperChild("web", "");
        v4 = v4Dir.start();
        v6 = v6Dir.start();
    }

    @AfterEach
    void stopServers() {
        for (ServerProcess server : new ServerProcess[] {v4, v6}) {
            if (server != null) {
                server.close();
            }
        }
        if (v4Dir != null) {
            Proc.killAll(v4Dir.sleeper("web"));
            Proc.killAll(v6Dir.sleeper("web"));
        }
    }

    @Test
    void everyCommandWorksOnBothAddressFamilies() {
        assertEquals("tcp://[::1]:" + v6Dir.port(), v6.address());
        for (ServerProcess server : List.of(v4, v6)) {
            long web = pid(ok(server.keeper("start", "web")));
            assertTrue(Proc.alive(web));
            ok(server.keeper("check"));
            ok(server.keeper("check", "web"));
            ok(server.keeper("status"));
            ok(server.keeper("info"));
            long restarted = lastPid(ok(server.keeper("trystart", "web")));
            ok(server.keeper("restart", "web"));
            ok(server.keeper("stop", "web"));
            Proc.awaitDead(web, WITHIN);
            Proc.awaitDead(restarted, WITHIN);
            assertTrue(ok(server.keeper("help")).text().contains("restart"));
        }
    }

    @Test
    void fanOutLabelsEachHostAndFailsWhenOneIsDown() {
        CliResult both = Cli.keeper("start", "web", "on", v4.host(), "on", v6.host());
        assertEquals(0, both.exitCode(), both.toString());
        assertTrue(both.stdout().contains(v4.host()) && both.stdout().contains(v6.host()), both.toString());
        Proc.awaitSingle(v4Dir.sleeper("web"), WITHIN);
        Proc.awaitSingle(v6Dir.sleeper("web"), WITHIN);

        String down = "127.0.0.1:" + Ports.free();
        CliResult list = Cli.keeper("check", "on", v4.host() + ", " + v6.host() + ", " + down);
        assertEquals(1, list.exitCode(), list.toString());
        assertTrue(list.text().contains(v4.host()) && list.text().contains(v6.host()) && list.text().contains(down), list.toString());
        assertTrue(list.stdout().contains("web"), "the hosts that answered are still shown: " + list);

        CliResult someDown = Cli.keeper("check", "on", down, "on", v4.host());
        assertEquals(1, someDown.exitCode(), someDown.toString());
        assertEquals(0, Cli.keeper("check", "on", v4.host() + "," + v6.host()).exitCode());
    }

    @Test
    void killAnswersWithLastWordsAfterStoppingChildren() {
        long web = pid(ok(v4.keeper("start", "web")));
        CliResult kill = ok(v4.keeper("kill"));
        assertTrue(kill.text().contains("dying"), kill.toString());
        assertTrue(kill.text().contains("web"), "last words say what was stopped: " + kill);
        assertTrue(!Proc.alive(web));
        assertEquals(0, v4.awaitExit(WITHIN).orElseThrow());
        assertTrue(v6.alive());
    }

    @Test
    void fiftyConcurrentClientsAreAllAnswered() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<CliResult>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(pool.submit(() -> v4.keeper("status")));
            }
            for (Future<CliResult> call : calls) {
                ok(call.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void malformedOversizeAndUnknownVersionFramesGetErrorsAndTheServerKeepsServing() throws Exception {
        assertTrue(RawClient.exchange(v4Dir.port(), "GARBAGE\n").startsWith("KEEPER/2 ERR"));
        assertTrue(RawClient.exchange(v4Dir.port(), "KEEPER/99\nline: status\n").startsWith("KEEPER/2 ERR"));
        try (RawClient client = RawClient.connect("127.0.0.1", v4Dir.port())) {
            client.sendLength(64 * 1024 * 1024);
            assertTrue(client.reply().startsWith("KEEPER/2 ERR"));
        }
        assertTrue(RawClient.exchange(v4Dir.port(), "KEEPER/2\nline: status\n").startsWith("KEEPER/2 OK"));
        ok(v4.keeper("status"));
    }

    @Test
    void aSilentClientIsTimedOutAndDoesNotBlockOthers() throws Exception {
        try (RawClient silent = RawClient.connect("127.0.0.1", v4Dir.port())) {
            ok(v4.keeper("status"));
            assertTrue(silent.closedByServerWithin((int) WITHIN.toMillis()), "the server closes a silent connection");
        }
    }

    @Test
    void usageErrorsPointAtTheWrongWord() {
        CliResult noKey = Cli.keeper("check", "on", v4.host(), "with");
        assertEquals(2, noKey.exitCode(), noKey.toString());
        assertTrue(noKey.stderr().contains("with"), noKey.toString());
        CliResult badPort = Cli.keeper("check", "on", "127.0.0.1:99999");
        assertEquals(2, badPort.exitCode(), badPort.toString());
        assertTrue(badPort.stderr().contains("99999"), badPort.toString());
        assertTrue(Cli.keeper("--help").stdout().contains("on HOST"));
        CliResult noScheme = Cli.keeper("check", "on", "carrier://pigeon");
        assertEquals(1, noScheme.exitCode(), noScheme.toString());
        assertTrue(noScheme.text().contains("no transport for scheme 'carrier'"), noScheme.toString());
    }

    private static boolean loopbackV6() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("::1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
