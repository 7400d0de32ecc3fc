package keeper.process.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import keeper.api.Output;
import keeper.api.RunAs;

/**
 * Everything a {@link Spawner} needs to start one child, checked and resolved beforehand.
 *
 * @param program     the program's absolute path, found the way {@code execvp} would
 * @param argv        the command line as configured ({@code argv[0]} as written, not resolved)
 * @param directory   the working directory
 * @param environment the variables the child sets on top of the server's environment (its own and its marks)
 * @param stdout      where standard output goes (absolute path)
 * @param stderr      where standard error goes, or {@code null} for the very descriptor of stdout
 * @param runAs       the user, group, umask and open-files limit to apply before exec
 * @param file        the child file, named when one of {@code runAs}'s settings cannot be applied
 * @param respawnAfter when set, the spawner may spawn the launch again as soon as its process exits after running at
 *                     least this long (the restart policy restarts it then), before the server hears of the exit;
 *                     {@code null}: never
 */
record Launch(Path program, List<String> argv, Path directory, Map<String, String> environment, Output stdout,
        Output stderr, RunAs runAs, Path file, Duration respawnAfter) {

    /** A failure to run the program, naming it as the command line wrote it. */
    SpawnException cannotRun(String why) {
        return new SpawnException("cannot run '" + argv.get(0) + "': " + why);
    }

    /** A setting of the child file that cannot be applied (a user that does not exist, a limit too high...). */
    SpawnException refused(String field, String why) {
        return new SpawnException(file + ": field '" + field + "': " + why);
    }
}
