package keeper.http.internal;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import keeper.api.ChildSpec;

/**
 * One call of the JSON API as the command line it stands for (docs/http.md). A child name is checked
 * against Keeper's one name rule before it goes into a line, so a path can never add words to the command.
 *
 * @param line the command line for the {@code CommandDispatcher}
 * @param kind what the call is, which says how its answer is given
 */
record ApiCall(String line, Kind kind) {

    /** The kinds of call, each with the HTTP status of a failed command. */
    enum Kind {
        /** A read of the server or of every child; a failure is the server's. */
        READ(500),
        /** A read of one child; it fails when there is no such child. */
        READ_CHILD(404),
        /** A change (a POST), answered {@code {ok, message}} instead of a JSON document; the command refused it. */
        ACTION(409),
        /** The last lines of a child's log, answered {@code {name, stream, lines}}; it fails for an unknown child. */
        LOG(404),
        /** The same, then every new line, as Server-Sent Events ({@link LogFollows}). */
        LOG_FOLLOW(404);

        private final int failureStatus;

        Kind(int failureStatus) {
            this.failureStatus = failureStatus;
        }

        int failureStatus() {
            return failureStatus;
        }
    }

    private static final Pattern NAME = Pattern.compile(ChildSpec.VALID_NAME);
    private static final Set<String> ACTIONS = Set.of("start", "stop", "restart", "trystart");
    private static final Pattern LINES = Pattern.compile("[1-9][0-9]{0,3}|10000");
    private static final Set<String> TRUE = Set.of("1", "true", "yes", "on");

    /** The call for {@code method} on {@code path} (below {@code /api}), or empty when there is none. */
    static Optional<ApiCall> of(String method, String path) {
        return of(method, path, name -> null);
    }

    /**
     * The call for {@code method} on {@code path} (below {@code /api}) with the query's {@code parameter}s,
     * or empty when there is none. A log's {@code lines} (1 to 10000, default 10), {@code stream}
     * ({@code stdout} or {@code stderr}) and {@code follow} are checked here too, so they never reach a line
     * as anything but the command's own options.
     */
    static Optional<ApiCall> of(String method, String path, Function<String, String> parameter) {
        String[] parts = path == null ? new String[0] : path.split("/", -1);
        if (parts.length < 2 || !parts[0].isEmpty()) {
            return Optional.empty();
        }
        boolean get = method.equals("GET");
        if (parts.length == 2 && get && parts[1].equals("info")) {
            return Optional.of(new ApiCall("info --json", Kind.READ));
        }
        if (!parts[1].equals("children")) {
            return Optional.empty();
        }
        if (parts.length == 2 && get) {
            return Optional.of(new ApiCall("status --json", Kind.READ));
        }
        if (parts.length < 3 || !NAME.matcher(parts[2]).matches()) {
            return Optional.empty();
        }
        String child = parts[2];
        if (parts.length == 3 && get) {
            return Optional.of(new ApiCall("status " + child + " --json", Kind.READ_CHILD));
        }
        if (parts.length == 4 && method.equals("POST") && ACTIONS.contains(parts[3])) {
            return Optional.of(new ApiCall(parts[3] + " " + child, Kind.ACTION));
        }
        if (parts.length == 4 && get && parts[3].equals("log")) {
            return log(child, parameter);
        }
        return Optional.empty();
    }

    private static Optional<ApiCall> log(String child, Function<String, String> parameter) {
        String lines = parameter.apply("lines") == null ? "10" : parameter.apply("lines");
        String stream = parameter.apply("stream") == null ? "stdout" : parameter.apply("stream");
        if (!LINES.matcher(lines).matches() || !(stream.equals("stdout") || stream.equals("stderr"))) {
            return Optional.empty();
        }
        boolean follow = parameter.apply("follow") != null && TRUE.contains(parameter.apply("follow"));
        String line = "logs " + child + " --lines=" + lines + (stream.equals("stderr") ? " --stderr" : "")
                + (follow ? " --follow" : "");
        return Optional.of(new ApiCall(line, follow ? Kind.LOG_FOLLOW : Kind.LOG));
    }
}
