package keeper.itests.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Keys made by the real {@code openssl} CLI, exactly as the seed tells users to make them. */
public final class OpenSsl {

    private OpenSsl() {
    }

    /** {@code openssl genrsa -out <dir>/<name>.pem BITS} (PKCS#8 with OpenSSL 3), {@code -traditional} for PKCS#1. */
    public static Path rsa(Path dir, String name, int bits, boolean pkcs1) {
        Path key = dir.resolve(name + ".pem");
        List<String> command = new ArrayList<>(List.of("openssl", "genrsa"));
        if (pkcs1) {
            command.add("-traditional");
        }
        command.addAll(List.of("-out", key.toString(), Integer.toString(bits)));
        run(command);
        return key;
    }

    /** {@code openssl genpkey -algorithm ed25519 -out <dir>/<name>.pem}. */
    public static Path ed25519(Path dir, String name) {
        Path key = dir.resolve(name + ".pem");
        run(List.of("openssl", "genpkey", "-algorithm", "ed25519", "-out", key.toString()));
        return key;
    }

    /** The public half in {@code pubDir}, with the private key's file name: {@code openssl pkey -pubout}. */
    public static Path publicKey(Path privateKey, Path pubDir) {
        Path pub = pubDir.resolve(privateKey.getFileName());
        run(List.of("openssl", "pkey", "-in", privateKey.toString(), "-pubout", "-out", pub.toString()));
        return pub;
    }

    /** {@code openssl pkcs8 -topk8 -nocrypt}: the PKCS#8 form of any private key. */
    public static Path pkcs8(Path privateKey, Path target) {
        run(List.of("openssl", "pkcs8", "-topk8", "-nocrypt", "-in", privateKey.toString(), "-out", target.toString()));
        return target;
    }

    private static void run(List<String> command) {
        try {
            Path log = Files.createTempFile("openssl", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " hung");
            }
            String output = Files.readString(log);
            Files.delete(log);
            if (process.exitValue() != 0) {
                throw new AssertionError(command + " failed: " + output);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
