package keeper.api;

/**
 * How a child's two log files are rotated (fields {@code stdout_max_bytes}, {@code stdout_backups},
 * {@code stderr_max_bytes}, {@code stderr_backups}); the same for the default files in the state directory and
 * for files named in {@code output}.
 *
 * @param stdout rotation of the standard output file
 * @param stderr rotation of the standard error file
 */
public record LogRotation(Rotation stdout, Rotation stderr) {

    /** {@link Rotation#DEFAULT} for both streams. */
    public static final LogRotation DEFAULT = new LogRotation(Rotation.DEFAULT, Rotation.DEFAULT);

    public LogRotation {
        stdout = stdout == null ? Rotation.DEFAULT : stdout;
        stderr = stderr == null ? Rotation.DEFAULT : stderr;
    }
}
