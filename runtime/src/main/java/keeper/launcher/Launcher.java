package keeper.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.osgi.framework.BundleException;

import keeper.features.FeatureCatalog;
import keeper.launcher.LaunchOptions.UsageException;

/** {@code keeper-server}: checks the command line, boots the runtime, reports ready, exits when it stops. */
public final class Launcher {

    /** USER_HZ: the unit of /proc's process times, 100 on every Linux architecture Keeper runs on. */
    private static final int CLOCK_TICKS_PER_SECOND = 100;

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private Launcher() {
    }

    public static void main(String[] args) {
        ConsoleLog.install();
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args, distribution(), System.getenv());
        } catch (UsageException e) {
            err.println("keeper-server: " + e.getMessage());
            err.print(LaunchOptions.USAGE);
            return EXIT_USAGE;
        }
        switch (options.action()) {
            case HELP -> {
                out.print(LaunchOptions.USAGE);
                return EXIT_OK;
            }
            case VERSION -> {
                out.println("keeper-server " + version());
                return EXIT_OK;
            }
            case INSTALL_UNIT -> {
                return installUnit(options, out, err);
            }
            default -> {
                return serve(options, out, err);
            }
        }
    }

    private static int serve(LaunchOptions options, PrintStream out, PrintStream err) {
        if (!Files.isRegularFile(options.config()) || !Files.isReadable(options.config())) {
            err.println("keeper-server: cannot read server config '" + options.config() + "': "
                    + (Files.exists(options.config()) ? "not a readable file" : "no such file"));
            return EXIT_USAGE;
        }
        try (StateLock lock = StateLock.acquire(options.stateDir()); ServerLog log = serverLog(options, err)) {
            KeeperRuntime runtime = KeeperRuntime.boot(options, version(), features(options));
            ServerSignals.install(runtime::stopAsync, runtime::reload);
            return runtime.awaitReadyThenStop(readyTimeout(), out, err);
        } catch (IOException | BundleException e) {
            err.println("keeper-server: " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    /** Writes the systemd unit and says how to enable it; enabling is the operator's step. */
    private static int installUnit(LaunchOptions options, PrintStream out, PrintStream err) {
        try {
            Files.writeString(options.unitFile(), options.unit().text());
        } catch (IOException e) {
            err.println("keeper-server: cannot write the systemd unit " + options.unitFile() + ": "
                    + (e instanceof NoSuchFileException ? "no such directory" : e.getMessage()));
            return EXIT_FAILED;
        }
        String name = options.unitFile().getFileName().toString();
        out.println("wrote " + options.unitFile() + " (server.yml " + options.config() + ", state " + options.stateDir()
                + (options.unit().user() != null ? ", user " + options.unit().user() : ", as root") + ")");
        out.println("to start Keeper now and at every boot: systemctl daemon-reload && systemctl enable --now "
                + name.replaceFirst("\\.service$", ""));
        return EXIT_OK;
    }

    /** The server's log file; a server that cannot write it still runs and logs to stderr (said once). */
    private static ServerLog serverLog(LaunchOptions options, PrintStream err) {
        try {
            return ServerLog.install(options.stateDir());
        } catch (IOException e) {
            err.println("keeper-server: cannot write its log in " + options.stateDir().resolve("logs") + ": "
                    + e.getMessage() + "; logging to stderr only");
            return null;
        }
    }

    private static List<String> features(LaunchOptions options) throws IOException {
        List<String> features = new ArrayList<>(List.of("core"));
        if (options.shell()) {
            features.add(System.console() != null ? "console" : "shell");
        }
        Set<String> catalog = new HashSet<>();
        FeatureCatalog.read(options.dist().resolve("etc").resolve("keeper.features")).features()
                .forEach(feature -> catalog.add(feature.name()));
        features.addAll(SectionFeatures.in(Files.readAllLines(options.config()), catalog));
        return features;
    }

    static String version() {
        String version = Launcher.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }

    /** bin/keeper-server passes the distribution root; running from a build tree falls back to the jar's folder. */
    private static Path distribution() {
        String dist = System.getProperty("keeper.dist");
        return dist != null ? Path.of(dist) : Path.of("").toAbsolutePath();
    }

    private static Duration readyTimeout() {
        return Duration.ofSeconds(Long.getLong("keeper.ready.timeout", 60));
    }

    /**
     * Milliseconds since the JVM started, for the ready line: since the java launcher created the
     * calling main thread ({@code /proc/thread-self/stat} against {@code /proc/uptime}, both to 10 ms).
     * Not the process's start: that is inherited through exec, so a script that built Keeper before it
     * exec'd java (the source tree's {@code ./keeper-server}) would count the build. ProcessHandle's
     * start instant is no better: it is anchored to a boot time rounded to the second.
     */
    static long sinceJvmStart() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(afterName[19]);
            double uptimeSeconds = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            return Math.round(uptimeSeconds * 1000 - startTicks * 1000.0 / CLOCK_TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
