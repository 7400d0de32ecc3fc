package keeper.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import keeper.itests.harness.RawClient;
import keeper.itests.harness.ServerDir;
import keeper.itests.harness.ServerProcess;

/** Issue 14: what anyone who reaches the port can do to a server with {@code encrypt: on}, without a key. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileTrafficTest {

    /** docs/security.md promises less than this for a 10-second flood from one address. */
    private static final int FLOOD_LOG_BOUND_BYTES = 300 * 1024;
    private static final long FLOOD_MILLIS = 10_000;

    @TempDir
    static Path temp;

    private ServerDir dir;
    private ServerProcess server;

    @BeforeAll
    void startSignedServer() {
        dir = ServerDir.create(temp.resolve("server"), "encrypt: on\nlistener_addr: 127.0.0.1\npub_keys_path:\n  - keys\n");
        server = dir.start();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @Test
    void anUnsignedFloodOfHostileLinesGrowsTheLogByABoundedAmountShownEscaped() throws Exception {
        String hostile = "status\u001b]0;owned\u0007\u001b[2J\u2028\u202e" + "x".repeat(16_000);
        String request = "KEEPER/2\nline: " + hostile + "\n";
        int before = logBytes();
        long sent = 0;
        long end = System.nanoTime() + FLOOD_MILLIS * 1_000_000;
        while (System.nanoTime() < end) {
            assertEquals("KEEPER/2 ERR\nauthentication failed", RawClient.exchange(dir.port(), request));
            sent++;
        }
        int growth = logBytes() - before;
        String log = server.output();
        assertTrue(sent > 1_000, "the flood sent only " + sent + " requests");
        assertTrue(growth < FLOOD_LOG_BOUND_BYTES, sent + " refused requests grew the log by " + growth + " bytes");
        assertTrue(log.contains("refused 'status\\x1b]0;owned\\x07\\x1b[2J\\u2028\\u202exxx"), log);
        assertFalse(log.contains("\u001b") || log.contains("\u0007") || log.contains("\u2028") || log.contains("\u202e"),
                "raw control characters reached the log");
    }

    private int logBytes() {
        return server.output().getBytes(StandardCharsets.UTF_8).length;
    }
}
