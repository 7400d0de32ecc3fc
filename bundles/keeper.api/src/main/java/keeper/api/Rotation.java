package keeper.api;

/**
 * Size-based rotation of one log file a child writes.
 *
 * @param maxBytes the size at which the file is rotated; {@code 0} never rotates it
 * @param backups  how many rotated copies are kept ({@code FILE.1} newest ... {@code FILE.N} oldest); {@code 0}
 *                 empties the file at the limit and keeps no copy
 */
public record Rotation(long maxBytes, int backups) {

    /** 50 MiB and 10 copies, as supervisord's {@code stdout_logfile_maxbytes} and {@code stdout_logfile_backups}. */
    public static final Rotation DEFAULT = new Rotation(50L * 1024 * 1024, 10);

    public Rotation {
        if (maxBytes < 0 || backups < 0) {
            throw new IllegalArgumentException("a rotation needs maxBytes >= 0 and backups >= 0, not " + maxBytes
                    + " and " + backups);
        }
    }

    /** Whether the file is ever rotated. */
    public boolean enabled() {
        return maxBytes > 0;
    }
}
