package keeper.process.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import keeper.api.ChildSpec;
import keeper.api.Hook;
import keeper.api.HookFault.Link;
import keeper.api.HookFault.Problem;
import keeper.api.HookFault;

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
    static final int MAX_LINKS = HookFault.MAX_LINKS;

    private final ChildSpecs specs;

    HookChains(ChildSpecs specs) {
        this.specs = specs;
    }

    /** Where {@code command} on {@code spec}'s child cannot run because of its hook chain, or empty when it is sound. */
    Optional<HookFault> fault(Command command, ChildSpec spec) {
        List<Step> path = new ArrayList<>(List.of(new Step(command.bringsUp(), spec.name())));
        Command current = command;
        ChildSpec owner = spec;
        for (Hook hook = hookOf(current, owner); hook != null; hook = hookOf(current, owner)) {
            if (path.size() > MAX_LINKS) {
                return Optional.of(new HookFault(Problem.TOO_LONG, null, children(path.subList(0, 3)), null));
            }
            Link link = link(current, hook, owner.name());
            Optional<Command> next = Command.parse(hook.command());
            if (next.isEmpty()) {
                return Optional.of(at(link, Problem.UNKNOWN_COMMAND, null));
            }
            if (!ChildNames.valid(hook.child())) {
                return Optional.of(at(link, Problem.INVALID_CHILD_NAME, ChildNames.printable(hook.child())));
            }
            Step step = new Step(next.get().bringsUp(), hook.child());
            int seen = path.indexOf(step);
            if (seen >= 0) {
                List<String> loop = new ArrayList<>(children(path.subList(seen, path.size())));
                loop.add(step.child());
                return Optional.of(new HookFault(Problem.CYCLE, null, loop, null));
            }
            path.add(step);
            try {
                Optional<ChildSpec> target = specs.find(hook.child());
                if (target.isEmpty()) {
                    return Optional.of(at(link, Problem.UNKNOWN_CHILD, null));
                }
                owner = target.get();
            } catch (Refused e) {
                return Optional.of(at(link, Problem.BROKEN_CHILD_FILE, e.refusal().detail()));
            }
            current = next.get();
        }
        return Optional.empty();
    }

    /** The hook {@code command} sets off on {@code spec}'s child, or {@code null}. */
    static Hook hookOf(Command command, ChildSpec spec) {
        return command.bringsUp() ? spec.prehook() : spec.posthook();
    }

    /** The hook {@code command} sets off on {@code owner}'s child, as a link of its chain. */
    static Link link(Command command, Hook hook, String owner) {
        return new Link(command.bringsUp(), hook, owner);
    }

    static HookFault at(Link link, Problem problem, String detail) {
        return new HookFault(problem, link, List.of(), detail);
    }

    private static List<String> children(List<Step> steps) {
        return steps.stream().map(Step::child).toList();
    }
}
