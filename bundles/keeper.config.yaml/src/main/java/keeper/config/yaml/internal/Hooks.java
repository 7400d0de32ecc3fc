package keeper.config.yaml.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

import keeper.api.Hook;

/** A child's {@code hooks} list: {@code - prehook: start db} and {@code - posthook: stop cache}, one of each. */
record Hooks(Hook prehook, Hook posthook) {

    /** The command words a hook or a {@code repeat} action may use. */
    static final List<String> COMMANDS = List.of("start", "stop", "restart", "trystart");
    private static final String PREHOOK = "prehook";
    private static final String POSTHOOK = "posthook";
    private static final Set<String> FIELDS = Set.of(PREHOOK, POSTHOOK);

    static Hooks read(Fields child) {
        Hook prehook = null;
        Hook posthook = null;
        List<Node> entries = child.list("hooks");
        for (int i = 0; i < entries.size(); i++) {
            String field = "hooks[" + i + "]";
            MappingNode mapping = Values.mapping(entries.get(i), field, child.problems());
            Fields entry = mapping == null ? null : new Fields(mapping, field, FIELDS, child.problems());
            if (entry == null) {
                continue;
            }
            if ((entry.get(PREHOOK) == null) == (entry.get(POSTHOOK) == null)) {
                entry.problem(PREHOOK, "each hooks entry is one prehook or one posthook, e.g. - prehook: start db");
            }
            prehook = once(prehook, entry, PREHOOK);
            posthook = once(posthook, entry, POSTHOOK);
        }
        return new Hooks(prehook, posthook);
    }

    private static Hook once(Hook earlier, Fields entry, String kind) {
        Node node = entry.get(kind);
        if (node == null) {
            return earlier;
        }
        if (earlier != null) {
            entry.problems().add(node, entry.name(kind), "a child has at most one " + kind);
            return earlier;
        }
        return hook(node, entry.name(kind), entry.problems());
    }

    private static Hook hook(Node node, String field, Problems problems) {
        String text = Values.nonBlankText(node, field, problems);
        if (text == null) {
            return null;
        }
        String[] words = text.trim().split("\\s+");
        String command = words[0].toLowerCase(Locale.ROOT);
        if (words.length != 2 || !COMMANDS.contains(command)) {
            problems.add(node, field, "must be '<command> <child>' with command one of "
                    + String.join(", ", COMMANDS) + ", e.g. 'start db'; not '" + Describe.shown(text) + "'");
            return null;
        }
        if (!ChildNameRule.isValid(words[1])) {
            problems.add(node, field, ChildNameRule.explain(words[1]));
            return null;
        }
        return new Hook(command, words[1]);
    }
}
