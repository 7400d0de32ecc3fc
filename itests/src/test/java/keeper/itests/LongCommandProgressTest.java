package keeper.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.itests.harness.Distribution;
import keeper.itests.harness.Proc;
import keeper.itests.harness.ServerDir;
import keeper.itests.harness.ServerProcess;

/**
 * Issue 18: a command that takes longer than the client's timeout (here a start waiting for its ready probe) is
 * followed to its end with progress lines, on the real server and the real {@code bin/keeper}, instead of the
 * client giving up while the server carries on.
 */
class LongCommandProgressTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    @Test
    void aStartOutlastingTheClientsTimeoutPrintsProgressOnStderrThenItsReply() throws Exception {
        ServerDir dir = ServerDir.create(temp.resolve("server"));
        Path ready = temp.resolve("ready");
        dir.sleeperChild("web", "ready:\n  exec: test -e " + ready + "\n  timeout: 60\n");
        Path out = temp.resolve("cli.out");
        Path err = temp.resolve("cli.err");
        Process cli = null;
        try (ServerProcess server = dir.start()) {
            cli = new ProcessBuilder(List.of(Distribution.bin("keeper").toString(), "start", "web", "on", server.host(),
                    "--timeout", "2"))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();

            // three seconds of progress: the request has outlived the client's two-second timeout
            await().atMost(WITHIN).until(() -> Files.readString(err).contains("start web: in progress (3 s)\n"));
            assertTrue(cli.isAlive(), Files.readString(err));
            Files.writeString(ready, "");

            assertTrue(cli.waitFor(WITHIN.toSeconds(), TimeUnit.SECONDS));
            assertEquals(0, cli.exitValue(), Files.readString(out) + Files.readString(err));
            assertTrue(Files.readString(out).matches("web started \\(pid \\d+\\)\n"), Files.readString(out));
            assertTrue(Files.readString(err).startsWith("start web: in progress (0 s)\n"), Files.readString(err));
        } finally {
            if (cli != null) {
                cli.destroyForcibly();
            }
            Proc.killAll(dir.sleeper("web"));
        }
    }

    @Test
    void aQuickStopAllPrintsNoProgressAndTheSameReplyAsEver() throws IOException {
        ServerDir dir = ServerDir.create(temp.resolve("server"));
        dir.sleeperChild("web", "");
        try (ServerProcess server = dir.start()) {
            ProcessControlTest.ok(server.keeper("start", "all"));

            var stop = ProcessControlTest.ok(server.keeper("stop", "all"));

            assertTrue(stop.stdout().matches("web stopped \\(pid \\d+, SIGTERM, \\d+ ms\\)\n"), stop.toString());
            assertEquals("", stop.stderr());
        } finally {
            Proc.killAll(dir.sleeper("web"));
        }
    }
}
