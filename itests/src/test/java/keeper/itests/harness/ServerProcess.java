package keeper.itests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real {@code bin/keeper-server} process. Closing it stops it by pid (SIGTERM, then SIGKILL), so
 * a test never leaves a server behind.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("keeper-server ready: (\\S+?),? ");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;

    private ServerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts a server on {@code serverYml} (null: the embedded default) and waits for its ready line. */
    public static ServerProcess start(Path serverYml, Path stateDir, String... extraArgs) {
        ServerProcess server = launch(serverYml, stateDir, Map.of(), extraArgs);
        server.awaitReady();
        return server;
    }

    /** Starts a server without waiting for anything: for tests of failing starts. */
    public static ServerProcess launch(Path serverYml, Path stateDir, Map<String, String> env, String... extraArgs) {
        return launchIn(null, serverYml, stateDir, env, extraArgs);
    }

    /** Starts the {@code keeper-server} of the distribution at {@code dist} without a config argument. */
    public static ServerProcess startFrom(Path dist, Path stateDir) {
        ServerProcess server = launch(dist.resolve("bin/keeper-server"), null, null, stateDir, Map.of());
        server.awaitReady();
        return server;
    }

    /** {@link #launch} in the working directory {@code workingDir} ({@code null}: this JVM's). */
    public static ServerProcess launchIn(Path workingDir, Path serverYml, Path stateDir, Map<String, String> env,
            String... extraArgs) {
        return launch(Distribution.bin("keeper-server"), workingDir, serverYml, stateDir, env, extraArgs);
    }

    private static ServerProcess launch(Path executable, Path workingDir, Path serverYml, Path stateDir,
            Map<String, String> env, String... extraArgs) {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--state", stateDir.toString()));
        command.addAll(List.of(extraArgs));
        if (serverYml != null) {
            command.add(serverYml.toString());
        }
        try {
            Path log = Files.createTempFile("keeper-server", ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            if (workingDir != null) {
                builder.directory(workingDir.toFile());
            }
            return new ServerProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void awaitReady() {
        try {
            Awaitility.await("keeper-server ready line").atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(25))
                    .until(() -> READY.matcher(output()).find() || !process.isAlive());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("server not ready within " + READY_TIMEOUT.toSeconds() + " s:\n" + output());
        }
        if (!READY.matcher(output()).find()) {
            throw new AssertionError("server exited with " + process.exitValue() + " before it was ready:\n" + output());
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The first listen address of the ready line, e.g. {@code tcp://127.0.0.1:40123}. */
    public String address() {
        Matcher matcher = READY.matcher(output());
        if (!matcher.find()) {
            throw new IllegalStateException("server is not ready:\n" + output());
        }
        return matcher.group(1);
    }

    /** The address as {@code on HOST} wants it: {@code 127.0.0.1:40123} or {@code [::1]:40123}. */
    public String host() {
        return address().replaceFirst("^tcp://", "");
    }

    /** Runs {@code bin/keeper words... on <this server>}. */
    public CliResult keeper(String... words) {
        String[] args = java.util.Arrays.copyOf(words, words.length + 2);
        args[words.length] = "on";
        args[words.length + 1] = host();
        return Cli.keeper(args);
    }

    /** Waits until the server's output contains {@code text}. */
    public void awaitOutput(String text, Duration within) {
        Awaitility.await("server output to contain '" + text + "'").atMost(within).pollInterval(Duration.ofMillis(25))
                .until(() -> output().contains(text));
    }

    /** Everything the server printed so far (stdout and stderr). */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the server to exit by itself and returns its exit code, or empty when it did not. */
    public Optional<Integer> awaitExit(Duration within) {
        try {
            return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(process.exitValue()) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** SIGTERM, as a service manager would; returns the exit code, or empty when it did not stop within {@code within}. */
    public Optional<Integer> terminate(Duration within) {
        process.destroy();
        return awaitExit(within);
    }

    /** SIGKILL: the server dies without any chance to clean up. */
    public void kill9() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        if (process.isAlive() && terminate(Duration.ofSeconds(15)).isEmpty()) {
            kill9();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
