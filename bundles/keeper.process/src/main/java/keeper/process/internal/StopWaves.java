package keeper.process.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order {@code stop all} stops children in: the reverse of the start order. Wave 0 holds the children no other
 * child of the set depends on; each later wave the children whose dependents are all in earlier waves. Dependencies
 * are read from the config each child was started with; a loop in them (files edited since) puts its children in
 * the last wave rather than never.
 */
final class StopWaves {

    private StopWaves() {
    }

    static List<List<Child>> of(List<Child> children) {
        Map<String, Child> byName = new HashMap<>();
        children.forEach(child -> byName.put(child.name(), child));
        Map<String, List<String>> dependents = new HashMap<>();
        for (Child child : children) {
            List<String> dependsOn = child.spec() == null ? List.of() : child.spec().probes().dependsOn();
            dependsOn.stream().filter(byName::containsKey)
                    .forEach(dependency -> dependents.computeIfAbsent(dependency, key -> new ArrayList<>()).add(child.name()));
        }
        Map<String, Integer> waves = new HashMap<>();
        List<List<Child>> ordered = new ArrayList<>();
        for (Child child : children) {
            int wave = wave(child.name(), dependents, waves, new HashSet<>(), children.size());
            while (ordered.size() <= wave) {
                ordered.add(new ArrayList<>());
            }
            ordered.get(wave).add(child);
        }
        return ordered.stream().filter(wave -> !wave.isEmpty()).toList();
    }

    private static int wave(String name, Map<String, List<String>> dependents, Map<String, Integer> waves,
            Set<String> visiting, int last) {
        Integer known = waves.get(name);
        if (known != null) {
            return known;
        }
        if (!visiting.add(name)) {
            return last; // a loop: stopped after everything else
        }
        int wave = 0;
        for (String dependent : dependents.getOrDefault(name, List.of())) {
            wave = Math.max(wave, Math.min(last, wave(dependent, dependents, waves, visiting, last) + 1));
        }
        visiting.remove(name);
        waves.put(name, wave);
        return wave;
    }
}
