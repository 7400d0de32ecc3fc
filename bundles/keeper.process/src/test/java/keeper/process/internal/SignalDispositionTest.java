package keeper.process.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Children start with the default signal dispositions, whatever the server inherited: a server run as
 * a background job of a non-interactive shell has SIGINT and SIGQUIT ignored, and a child must not be.
 */
class SignalDispositionTest {

    private static final long SIGINT_BIT = 1L << (2 - 1);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"helper", "jdk"})
    void aChildOfAServerWithSigintIgnoredDoesNotIgnoreIt(String spawner) throws Exception {
        Path out = dir.resolve("status");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder("sh", "-c", "trap '' INT; exec \"$@\"", "sh", java, "-cp",
                System.getProperty("java.class.path"), SpawnProbe.class.getName(), spawner, out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("probe.log").toFile()).start();
        try {
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the probe did not finish");
            assertEquals(0, server.exitValue(), () -> read(dir.resolve("probe.log")));
        } finally {
            server.destroyForcibly();
        }
        List<String> line = List.of(Files.readString(out).trim().split("\\s+"));
        assertEquals("SigIgn:", line.get(0));
        assertEquals(0, Long.parseLong(line.get(1), 16) & SIGINT_BIT, "the child ignores SIGINT: " + line);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
