package keeper.process.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

import keeper.api.ChildSpec;
import keeper.api.ChildState;
import keeper.api.ChildStatus;
import keeper.api.Outcome;
import keeper.api.Refusal;
import keeper.api.Refusal.Reason;

/**
 * Starts children after their {@code depends_on}: each child starts once every dependency is ready (RUNNING, its
 * {@code ready} probe passed), independent branches at the same time. The whole graph is walked first, so a cycle or
 * a dependency without a child file refuses everything before anything starts. A child whose file cannot be read is
 * left to its own start (which is refused, naming the problem), and its dependents are refused as
 * {@link Reason#DEPENDENCY_FAILED}.
 */
final class StartOrder {

    /**
     * @param order     every child to start, each after its dependencies
     * @param dependsOn each child's dependencies, as its file says now (empty for one whose file cannot be read)
     * @param read      each child's config as the plan read it, for its start (none for one whose file cannot be read)
     */
    record Plan(List<String> order, Map<String, List<String>> dependsOn, Map<String, ChildSpec> read) {
    }

    private final ChildSpecs specs;
    private final ProcessTable table;

    StartOrder(ChildSpecs specs, ProcessTable table) {
        this.specs = specs;
        this.table = table;
    }

    /** The plan to start {@code roots} with their dependencies; refused for a cycle or an unknown dependency. */
    Plan plan(List<String> roots) throws Refused {
        Map<String, List<String>> dependsOn = new LinkedHashMap<>();
        Map<String, ChildSpec> read = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (String root : roots) {
            visit(root, new ArrayList<>(), dependsOn, read, order);
        }
        return new Plan(order, dependsOn, read);
    }

    /**
     * Starts every child of {@code plan} with {@code start}, on {@code executor}, each once its dependencies are ready;
     * answers each child's outcome once it is ready or refused (a child spawned but never ready is refused as
     * {@link Reason#NOT_READY}).
     */
    Map<String, CompletableFuture<Outcome>> run(Plan plan, Function<String, Outcome> start, Executor executor) {
        Map<String, CompletableFuture<Outcome>> started = new HashMap<>();
        for (String name : plan.order()) {
            List<CompletableFuture<Outcome>> dependencies = plan.dependsOn().get(name).stream().map(started::get).toList();
            CompletableFuture<Outcome> outcome = CompletableFuture.allOf(dependencies.toArray(CompletableFuture[]::new))
                    .thenComposeAsync(ready -> {
                        Optional<Outcome> failed = dependencies.stream().map(CompletableFuture::join)
                                .filter(dependency -> !dependency.satisfied()).findFirst();
                        return failed.isPresent()
                                ? CompletableFuture.completedFuture(new Outcome(Outcome.Kind.REFUSED, Outcome.Action.START,
                                        name, 0, null, Refusal.of(Reason.DEPENDENCY_FAILED, failed.get().child()),
                                        List.of(failed.get()), List.of(), null))
                                : ready(start.apply(name));
                    }, executor);
            started.put(name, outcome);
        }
        return started;
    }

    /** {@code outcome} once its child is ready; refused as NOT_READY when it came to rest without being ready. */
    private CompletableFuture<Outcome> ready(Outcome outcome) {
        if (!outcome.satisfied()) {
            return CompletableFuture.completedFuture(outcome);
        }
        return table.withExisting(outcome.child(), child -> child.whenSettled(outcome.pid()))
                .orElseGet(() -> CompletableFuture.completedFuture(null))
                .thenApply(status -> status == null || status.state() == ChildState.RUNNING ? outcome
                        : new Outcome(Outcome.Kind.REFUSED, outcome.action(), outcome.child(), 0, outcome.stop(),
                                Refusal.of(Reason.NOT_READY, whyNotReady(status)), outcome.hooks(), List.of(),
                                outcome.unrecorded()));
    }

    private static String whyNotReady(ChildStatus status) {
        String state = status.state().name();
        return status.health().detail() == null ? state : status.health().detail() + " (" + state + ")";
    }

    private void visit(String name, List<String> path, Map<String, List<String>> dependsOn, Map<String, ChildSpec> read,
            List<String> order) throws Refused {
        int seen = path.indexOf(name);
        if (seen >= 0) {
            List<String> loop = new ArrayList<>(path.subList(seen, path.size()));
            loop.add(name);
            throw new Refused(Reason.DEPENDENCY_CYCLE, String.join(" -> ", loop));
        }
        if (dependsOn.containsKey(name)) {
            return;
        }
        Optional<ChildSpec> spec;
        boolean broken = false;
        try {
            spec = specs.find(name);
        } catch (Refused e) {
            spec = Optional.empty(); // its own start says what is wrong with its file
            broken = true;
        }
        if (spec.isEmpty() && !broken && !path.isEmpty()) {
            List<String> chain = new ArrayList<>(path);
            chain.add(name);
            throw new Refused(Reason.UNKNOWN_DEPENDENCY, String.join(" -> ", chain));
        }
        List<String> dependencies = spec.map(found -> found.probes().dependsOn()).orElse(List.of());
        path.add(name);
        for (String dependency : dependencies) {
            visit(dependency, path, dependsOn, read, order);
        }
        path.remove(path.size() - 1);
        dependsOn.put(name, dependencies);
        spec.ifPresent(found -> read.put(name, found));
        order.add(name);
    }
}
