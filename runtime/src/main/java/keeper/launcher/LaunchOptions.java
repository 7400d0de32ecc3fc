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
 * @param deployAsked whether the command line named {@code deploy}: then it is watched even while empty
 * @param shell    whether to offer the interactive Gogo shell
 * @param action   run the server, only print help or the version, or write the systemd unit
 * @param unit     the systemd unit to write ({@link Action#INSTALL_UNIT} only)
 * @param unitFile where to write it ({@link Action#INSTALL_UNIT} only)
 */
record LaunchOptions(Path config, Path stateDir, Path dist, Path deploy, boolean deployAsked, boolean shell,
        Action action, SystemdUnit unit, Path unitFile) {

    enum Action { RUN, HELP, VERSION, INSTALL_UNIT }

    static final String USAGE = """
            usage: keeper-server [--shell] [--state DIR] [--deploy DIR] [path/to/server.yml]
                   keeper-server --install-unit [--user USER] [--prefix DIR] [--unit FILE] [--state DIR] [server.yml]

              path/to/server.yml  the server configuration (default: the distribution's etc/server.yml:
                                  loopback only, quiet mode, demo children in etc/children/)
              --shell             offer the interactive Gogo shell on this terminal (try: lb, help, keeper:check)
              --state DIR         state directory (default: $KEEPER_HOME, else ~/.keeper; /var/lib/keeper for a unit)
              --deploy DIR        directory watched for bundles to hot-deploy (default: the distribution's deploy/,
                                  watched when it holds a jar at start or server.yml has a deploy: section)
              --install-unit      write the systemd unit that starts this server at boot, then say how to enable it
                                  (it is not enabled); with --user USER the server runs as USER (default root,
                                  which children with user: need), --prefix DIR names where the distribution is
                                  installed (default: this one), --unit FILE where to write
                                  (default: /etc/systemd/system/keeper.service)
              --help, --version   print this help or the version and exit

            Signals:
              HUP                 re-read server.yml and the child files and log what they hold; nothing stops
              TERM, INT           stop the server cleanly (exit 0), logged with the signal; the children keep running

            Files:
              STATE/logs/keeper-server.log   the server's own log (besides stderr): start, reloads, shutdown and why;
                                             rotated at 5 MB, 5 old files kept (-Dkeeper.server.log.max.bytes, .backups)
              etc/systemd/keeper.service     the systemd unit for a distribution in /opt/keeper
            """;

    LaunchOptions(Path config, Path stateDir, Path dist, Path deploy, boolean deployAsked, boolean shell, Action action) {
        this(config, stateDir, dist, deploy, deployAsked, shell, action, null, null);
    }

    /** Parses the command line; {@code dist} is the distribution root, {@code env} the environment. */
    static LaunchOptions parse(String[] args, Path dist, Map<String, String> env) throws UsageException {
        Path config = null;
        Path state = null;
        Path deploy = dist.resolve("deploy");
        boolean deployAsked = false;
        boolean shell = false;
        boolean installUnit = false;
        String user = null;
        Path prefix = null;
        Path unitFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--install-unit" -> installUnit = true;
                case "--user" -> user = valueAfter(args, ++i, "a user name");
                case "--prefix" -> prefix = Path.of(valueAfter(args, ++i, "a directory"));
                case "--unit" -> unitFile = Path.of(valueAfter(args, ++i, "a file"));
                case "--help", "-h" -> {
                    return new LaunchOptions(null, null, dist, null, false, false, Action.HELP);
                }
                case "--version" -> {
                    return new LaunchOptions(null, null, dist, null, false, false, Action.VERSION);
                }
                case "--shell" -> shell = true;
                case "--state" -> state = directoryAfter(args, ++i);
                case "--deploy" -> {
                    deploy = directoryAfter(args, ++i);
                    deployAsked = true;
                }
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
        if (!installUnit && (user != null || prefix != null || unitFile != null)) {
            throw new UsageException((user != null ? "--user" : prefix != null ? "--prefix" : "--unit")
                    + " only goes with --install-unit");
        }
        if (installUnit) {
            return installUnit(config, state, deploy, dist, user, prefix, unitFile);
        }
        if (config == null) {
            config = dist.resolve("etc").resolve("server.yml");
        }
        if (state == null) {
            String home = env.get("KEEPER_HOME");
            state = home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".keeper");
        }
        return new LaunchOptions(config.toAbsolutePath().normalize(), state.toAbsolutePath().normalize(), dist,
                deploy.toAbsolutePath().normalize(), deployAsked, shell, Action.RUN);
    }

    private static Path directoryAfter(String[] args, int i) throws UsageException {
        return Path.of(valueAfter(args, i, "a directory"));
    }

    private static String valueAfter(String[] args, int i, String what) throws UsageException {
        if (i == args.length) {
            throw new UsageException(args[i - 1] + " needs " + what);
        }
        return args[i];
    }

    /** The unit runs the distribution at {@code prefix} (this one by default) on its own server.yml unless one is named. */
    private static LaunchOptions installUnit(Path config, Path state, Path deploy, Path dist, String user, Path prefix,
            Path unitFile) throws UsageException {
        Path root = (prefix != null ? prefix : dist).toAbsolutePath().normalize();
        Path serverYml = (config != null ? config : root.resolve("etc").resolve("server.yml")).toAbsolutePath().normalize();
        Path stateDir = (state != null ? state : SystemdUnit.DEFAULT_STATE).toAbsolutePath().normalize();
        try {
            SystemdUnit unit = new SystemdUnit(root, serverYml, stateDir, user, Path.of(System.getProperty("java.home")));
            return new LaunchOptions(serverYml, stateDir, dist, deploy, false, false, Action.INSTALL_UNIT, unit,
                    (unitFile != null ? unitFile : SystemdUnit.DEFAULT_FILE).toAbsolutePath().normalize());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** A command line that cannot be run; the message names the wrong argument. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
