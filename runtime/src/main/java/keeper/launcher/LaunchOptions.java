package keeper.launcher;

import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code keeper-server [--shell] [--state DIR] [server.yml]} was asked to do.
 *
 * @param config   the server.yml to use
 * @param stateDir where framework storage, the child table and default child logs live
 * @param dist     the distribution's root
 * @param deploy   the directory watched for bundles to hot-deploy
 * @param shell    whether to offer the interactive Gogo shell
 * @param action   run the server, or only print help or the version
 */
record LaunchOptions(Path config, Path stateDir, Path dist, Path deploy, boolean shell, Action action) {

    enum Action { RUN, HELP, VERSION }

    static final String USAGE = """
            usage: keeper-server [--shell] [--state DIR] [--deploy DIR] [path/to/server.yml]

              path/to/server.yml  the server configuration (default: the distribution's etc/server.yml:
                                  loopback only, quiet mode, demo children in etc/children/)
              --shell             offer the interactive Gogo shell on this terminal (try: lb, help, keeper:check)
              --state DIR         state directory (default: $KEEPER_HOME, else ~/.keeper)
              --deploy DIR        directory watched for bundles to hot-deploy (default: the distribution's deploy/)
              --help, --version   print this help or the version and exit
            """;

    /** Parses the command line; {@code dist} is the distribution root, {@code env} the environment. */
    static LaunchOptions parse(String[] args, Path dist, Map<String, String> env) throws UsageException {
        Path config = null;
        Path state = null;
        Path deploy = dist.resolve("deploy");
        boolean shell = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    return new LaunchOptions(null, null, dist, null, false, Action.HELP);
                }
                case "--version" -> {
                    return new LaunchOptions(null, null, dist, null, false, Action.VERSION);
                }
                case "--shell" -> shell = true;
                case "--state" -> state = directoryAfter(args, ++i);
                case "--deploy" -> deploy = directoryAfter(args, ++i);
                default -> {
                    if (args[i].startsWith("-")) {
                        throw new UsageException("unknown option '" + args[i] + "'");
                    }
                    if (config != null) {
                        throw new UsageException("unexpected argument '" + args[i] + "': only one server.yml can be given");
                    }
                    config = Path.of(args[i]);
                }
            }
        }
        if (config == null) {
            config = dist.resolve("etc").resolve("server.yml");
        }
        if (state == null) {
            String home = env.get("KEEPER_HOME");
            state = home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".keeper");
        }
        return new LaunchOptions(config.toAbsolutePath().normalize(), state.toAbsolutePath().normalize(), dist,
                deploy.toAbsolutePath().normalize(), shell, Action.RUN);
    }

    private static Path directoryAfter(String[] args, int i) throws UsageException {
        if (i == args.length) {
            throw new UsageException(args[i - 1] + " needs a directory");
        }
        return Path.of(args[i]);
    }

    /** A command line that cannot be run; the message names the wrong argument. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
