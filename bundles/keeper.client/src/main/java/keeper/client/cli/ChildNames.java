package keeper.client.cli;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import keeper.api.ChildSpec;
import keeper.client.HostReply;
import keeper.protocol.JsonReader;

/**
 * {@code keeper __complete [on HOST]... [with KEY]}, for the bash completion script: the names of the children
 * the hosts know (from {@code status --json}), one per line, sorted. Hidden and silent: a wrong word, an
 * unreachable host or a reply that is not what it should be completes nothing, and only plain child names are
 * ever printed, so a hostile server cannot put anything else on the user's command line.
 */
final class ChildNames {

    /** The hidden first word that asks for child names. */
    static final String COMMAND = "__complete";
    /** Completion must not keep a person waiting at the prompt. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static final Pattern NAME = Pattern.compile(ChildSpec.VALID_NAME);

    private ChildNames() {
    }

    static List<String> of(List<HostReply> replies) {
        return replies.stream()
                .filter(HostReply::ok)
                .flatMap(reply -> names(reply.text()).stream())
                .filter(name -> NAME.matcher(name).matches())
                .distinct()
                .sorted()
                .toList();
    }

    private static List<String> names(String document) {
        try {
            if (JsonReader.parse(document) instanceof Map<?, ?> status && status.get("children") instanceof Collection<?> children) {
                return children.stream()
                        .map(child -> child instanceof Map<?, ?> fields && fields.get("name") instanceof String name ? name : null)
                        .filter(Objects::nonNull)
                        .toList();
            }
        } catch (IllegalArgumentException notJson) {
            // an older server or a stranger: nothing to complete
        }
        return List.of();
    }
}
