package keeper.auth.pem.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real openssl CLI, as an operator following docs/security.md would. */
final class OpenSsl {

    private OpenSsl() {
    }

    /** Runs {@code openssl args...} and fails the test unless it exits 0. */
    static void run(String... args) throws IOException, InterruptedException {
        Result result = exec(args);
        assertTrue(result.exitCode() == 0, "openssl " + String.join(" ", args) + " failed: " + result.output());
    }

    static Result exec(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("openssl", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("openssl " + String.join(" ", args) + " did not finish in 2 minutes");
            }
            return new Result(process.exitValue(), Files.readString(output));
        } finally {
            Files.delete(output);
        }
    }

    /** {@code openssl genrsa}: PKCS#8 ({@code BEGIN PRIVATE KEY}) with openssl 3. */
    static Path rsa(Path file, int bits) throws IOException, InterruptedException {
        run("genrsa", "-out", file.toString(), Integer.toString(bits));
        return file;
    }

    /** {@code openssl genrsa -traditional}: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}). */
    static Path rsaTraditional(Path file, int bits) throws IOException, InterruptedException {
        run("genrsa", "-traditional", "-out", file.toString(), Integer.toString(bits));
        return file;
    }

    static Path ed25519(Path file) throws IOException, InterruptedException {
        run("genpkey", "-algorithm", "ed25519", "-out", file.toString());
        return file;
    }

    /** The public half of {@code privateKey} as SubjectPublicKeyInfo ({@code BEGIN PUBLIC KEY}). */
    static Path publicKey(Path privateKey, Path file) throws IOException, InterruptedException {
        run("pkey", "-in", privateKey.toString(), "-pubout", "-out", file.toString());
        return file;
    }

    record Result(int exitCode, String output) {
    }
}
