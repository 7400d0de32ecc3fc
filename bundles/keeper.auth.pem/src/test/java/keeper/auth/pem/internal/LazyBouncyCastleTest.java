package keeper.auth.pem.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BouncyCastle costs class loading; a request that is not signed must not pay for it, on either side. */
class LazyBouncyCastleTest {

    @TempDir
    Path work;

    @Test
    void unsignedRequestsAndLoadingTheSignerDoNotLoadBouncyCastle() throws Exception {
        String output = probe();

        assertTrue(output.contains("verdict ABSTAINED"), output);
        assertTrue(output.contains("keeper.auth.pem.internal.PemRequestSigner"), "the signer was loaded");
        assertFalse(output.contains("org.bouncycastle"), "BouncyCastle was loaded");
    }

    @Test
    void signingLoadsBouncyCastle() throws Exception {
        String output = probe(OpenSsl.ed25519(work.resolve("edward.pem")).toString());

        assertTrue(output.contains("signed true"), output);
        assertTrue(output.contains("org.bouncycastle.openssl.PEMParser"), "the probe sees BouncyCastle when it is loaded");
    }

    private String probe(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-verbose:class", "-cp", System.getProperty("java.class.path"), ClassLoadingProbe.class.getName()));
        command.addAll(List.of(args));
        Path output = work.resolve("probe.out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertTrue(process.waitFor(1, TimeUnit.MINUTES), "probe JVM did not finish");
        String text = Files.readString(output);
        assertTrue(process.exitValue() == 0, text);
        return text;
    }
}
