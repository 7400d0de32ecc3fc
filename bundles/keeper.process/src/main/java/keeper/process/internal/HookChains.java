package keeper.process.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import keeper.api.ChildSpec;
import keeper.api.Hook;

/**
 * Walks the chain of hooks an operation sets off before anything of it runs, and refuses one longer
 * than {@link #MAX_LINKS}: each link runs nested in the one before, on one worker's stack. Starting a child runs
 * its prehook, an operation on another child, which runs that child's prehook (or posthook, for a
 * {@code stop}), and so on; each child has at most one of each, so the chain is a path. A path that
 * comes back to an operation it already holds is a cycle and would never end.
 */
final class HookChains {

    /** One step of a chain: a child brought up (prehook follows) or stopped (posthook follows). */
    private record Step(boolean up, String child) {
    }

    /** The longest hook chain an operation may set off; a longer one is refused before anything runs. */
    static final int MAX_LINKS = 64;

    private final ChildSpecs specs;

    HookChains(ChildSpecs specs) {
        this.specs = specs;
    }

    /** Why {@code command} on {@code spec}'s child cannot run because of its hook chain, or empty when the chain is sound. */
    Optional<String> problem(Command command, ChildSpec spec) {
        List<Step> path = new ArrayList<>(List.of(new Step(command.bringsUp(), spec.name())));
        Command current = command;
        ChildSpec owner = spec;
        for (Hook hook = hookOf(current, owner); hook != null; hook = hookOf(current, owner)) {
            if (path.size() > MAX_LINKS) {
                return Optional.of("its hook chain is longer than " + MAX_LINKS + " links (" + describe(path)
                        + " -> ...); shorten it");
            }
            String label = label(current, hook, owner.name());
            Optional<Command> next = Command.parse(hook.command());
            if (next.isEmpty()) {
                return Optional.of(label + ": unknown command '" + hook.command() + "'");
            }
            Optional<String> badName = ChildNames.problem(hook.child());
            if (badName.isPresent()) {
                return Optional.of(label + ": " + badName.get());
            }
            Step step = new Step(next.get().bringsUp(), hook.child());
            int seen = path.indexOf(step);
            if (seen >= 0) {
                return Optional.of(cycle(path.subList(seen, path.size()), step));
            }
            path.add(step);
            try {
                Optional<ChildSpec> target = specs.find(hook.child());
                if (target.isEmpty()) {
                    return Optional.of(label + ": no child named '" + hook.child() + "' in the load paths");
                }
                owner = target.get();
            } catch (Refused e) {
                return Optional.of(label + ": " + e.refusal().detail());
            }
            current = next.get();
        }
        return Optional.empty();
    }

    /** The hook {@code command} sets off on {@code spec}'s child, or {@code null}. */
    static Hook hookOf(Command command, ChildSpec spec) {
        return command.bringsUp() ? spec.prehook() : spec.posthook();
    }

    /** e.g. {@code prehook 'start db' of web} */
    static String label(Command command, Hook hook, String owner) {
        return (command.bringsUp() ? "prehook" : "posthook") + " '" + hook + "' of " + owner;
    }

    private static String cycle(List<Step> loop, Step back) {
        return "hook cycle: " + loop.stream().map(Step::child).collect(Collectors.joining(" -> ")) + " -> " + back.child();
    }

    /** The first links of a long chain, enough to find it. */
    private static String describe(List<Step> path) {
        return path.stream().limit(3).map(Step::child).collect(Collectors.joining(" -> "));
    }
}
