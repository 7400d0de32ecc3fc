package keeper.launcher;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The systemd unit that starts Keeper at boot, for a distribution at {@code prefix}. The distribution ships
 * it for {@code /opt/keeper} ({@code etc/systemd/keeper.service}); {@code keeper-server --install-unit}
 * writes it with the paths of this distribution.
 *
 * @param prefix   the distribution's root: {@code bin/keeper-server} is run from there
 * @param config   the server.yml the service runs
 * @param state    the state directory
 * @param user     the user the server runs as, or {@code null} for root (only root can run children as users)
 * @param javaHome the JDK to run, or {@code null} for the first {@code java} in systemd's PATH
 */
record SystemdUnit(Path prefix, Path config, Path state, String user, Path javaHome) {

    /** Where the distribution's unit is written for. */
    static final Path DEFAULT_PREFIX = Path.of("/opt/keeper");
    static final Path DEFAULT_STATE = Path.of("/var/lib/keeper");
    static final Path DEFAULT_FILE = Path.of("/etc/systemd/system/keeper.service");

    private static final Pattern USER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}\\$?|[0-9]{1,10}");

    /** The unit the distribution ships: for {@code /opt/keeper}, run as root, with its own server.yml. */
    static SystemdUnit shipped() {
        return new SystemdUnit(DEFAULT_PREFIX, DEFAULT_PREFIX.resolve("etc/server.yml"), DEFAULT_STATE, null, null);
    }

    /** Checks what ends up in the unit; the message names the argument at fault. */
    SystemdUnit {
        for (Path path : new Path[] {prefix, config, state, javaHome}) {
            if (path != null && (!path.isAbsolute() || !path.toString().matches("[^\"\\\\\\p{Cntrl}]+"))) {
                throw new IllegalArgumentException("path '" + path + "' cannot go into a systemd unit: it must be"
                        + " absolute, without quotes, backslashes or control characters");
            }
        }
        if (user != null && !USER.matcher(user).matches()) {
            throw new IllegalArgumentException("--user '" + user + "' is not a user name or number");
        }
    }

    String text() {
        return """
                # Keeper as a systemd service. keeper-server --install-unit writes this file with the paths of
                # its distribution; this copy is for a distribution unpacked in /opt/keeper. Then:
                #   systemctl daemon-reload && systemctl enable --now keeper
                # Reload (SIGHUP: re-read and log the configuration): systemctl reload keeper
                [Unit]
                Description=Keeper process supervisor
                After=network-online.target
                Wants=network-online.target

                [Service]
                Type=exec
                """
                + (user != null ? "User=" + user + "\n" : "")
                + (javaHome != null ? "Environment=" + quoted("JAVA_HOME=" + javaHome) + "\n" : "")
                + "ExecStart=" + quoted(prefix.resolve("bin/keeper-server").toString()) + " --state "
                + quoted(state.toString()) + " " + quoted(config.toString()) + "\n"
                + """
                ExecReload=/bin/kill -HUP $MAINPID
                # Only the server is signalled when the service stops or restarts. Keeper's children run in their
                # own sessions and outlive the server on purpose: the next server re-adopts them (docs/processes.md).
                # The default, KillMode=control-group, would kill every child with the server.
                KillMode=process
                Restart=on-failure
                RestartSec=2
                # the server waits up to 30 s for the commands under way before it stops
                TimeoutStopSec=45

                [Install]
                WantedBy=multi-user.target
                """;
    }

    /** A word as systemd reads it: double-quoted, with its specifiers ({@code %}) and variables ({@code $}) escaped. */
    private static String quoted(String word) {
        return "\"" + word.replace("%", "%%").replace("$", "$$") + "\"";
    }
}
