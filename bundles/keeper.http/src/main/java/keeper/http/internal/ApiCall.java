package keeper.http.internal;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import keeper.api.ChildSpec;

/**
 * One call of the JSON API as the command line it stands for (docs/http.md). A child name is checked
 * against Keeper's one name rule before it goes into a line, so a path can never add words to the command.
 *
 * @param line   the command line for the {@code CommandDispatcher}
 * @param action whether the call changes something (a POST), which answers {@code {ok, message}}
 *               instead of a command's JSON document
 */
record ApiCall(String line, boolean action) {

    private static final Pattern NAME = Pattern.compile(ChildSpec.VALID_NAME);
    private static final Set<String> ACTIONS = Set.of("start", "stop", "restart", "trystart");

    /** The call for {@code method} on {@code path} (below {@code /api}), or empty when there is none. */
    static Optional<ApiCall> of(String method, String path) {
        String[] parts = path == null ? new String[0] : path.split("/", -1);
        if (parts.length < 2 || !parts[0].isEmpty()) {
            return Optional.empty();
        }
        boolean get = method.equals("GET");
        if (parts.length == 2 && get && parts[1].equals("info")) {
            return Optional.of(new ApiCall("info --json", false));
        }
        if (!parts[1].equals("children")) {
            return Optional.empty();
        }
        if (parts.length == 2 && get) {
            return Optional.of(new ApiCall("status --json", false));
        }
        if (parts.length < 3 || !NAME.matcher(parts[2]).matches()) {
            return Optional.empty();
        }
        String child = parts[2];
        if (parts.length == 3 && get) {
            return Optional.of(new ApiCall("status " + child + " --json", false));
        }
        if (parts.length == 4 && method.equals("POST") && ACTIONS.contains(parts[3])) {
            return Optional.of(new ApiCall(parts[3] + " " + child, true));
        }
        return Optional.empty();
    }
}
