package keeper.api;

import java.time.Duration;

/**
 * What one child's processes use at one moment, read from {@code /proc}: its own process and every
 * process that belongs to it (its process group, its descendants, the processes marked with its name).
 *
 * @param name          the child
 * @param pid           the child's own process
 * @param processes     how many processes were counted
 * @param residentBytes their resident set sizes added up (shared pages count once per process)
 * @param cpu           the user and system CPU time of those processes; a process that already ended no
 *                      longer counts, so the sum may go down between readings
 */
public record TreeUsage(String name, long pid, int processes, long residentBytes, Duration cpu) {
}
