package keeper.itests.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code bin/keeper} client, as a user would. */
public final class Cli {

    private static final long TIMEOUT_SECONDS = 60;

    private Cli() {
    }

    public static CliResult keeper(String... args) {
        return keeper(Map.of(), args);
    }

    /** Runs {@code bin/keeper args} with extra environment variables; fails the test if it hangs. */
    public static CliResult keeper(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Distribution.bin("keeper").toString());
        command.addAll(List.of(args));
        return run(command, env);
    }

    /** Runs any {@code command} with extra environment variables, its input from /dev/null and its output to files. */
    public static CliResult run(List<String> command, Map<String, String> env) {
        try {
            Path out = Files.createTempFile("keeper-cli", ".out");
            Path err = Files.createTempFile("keeper-cli", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            CliResult result = new CliResult(process.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
