package keeper.process.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

import keeper.api.ChildStatus;

/**
 * Name to child, with the locking discipline that keeps Keeper deadlock-free: an operation holds
 * one child's lock at a time (hooks run between, never inside), except {@link #withAll}, which
 * takes every lock in name order.
 */
final class ProcessTable {

    private final ConcurrentMap<String, Child> children = new ConcurrentHashMap<>();
    private final ChildEvents events;

    ProcessTable(ChildEvents events) {
        this.events = events;
    }

    /** Runs {@code action} holding the lock of child {@code name}, adding it to the table if absent. */
    <T> T withChild(String name, Function<Child, T> action) {
        while (true) {
            Child child = children.computeIfAbsent(name, key -> new Child(key, events));
            child.acquire();
            try {
                if (!child.removed()) {
                    return action.apply(child);
                }
            } finally {
                child.release();
            }
        }
    }

    /** Runs {@code action} holding the lock of child {@code name}, or answers empty when the table has no such child. */
    <T> Optional<T> withExisting(String name, Function<Child, T> action) {
        Child child = children.get(name);
        if (child == null) {
            return Optional.empty();
        }
        child.acquire();
        try {
            return child.removed() ? Optional.empty() : Optional.of(action.apply(child));
        } finally {
            child.release();
        }
    }

    /** Runs {@code action} holding the lock of every child in the table, taken in name order. */
    <T> T withAll(Function<List<Child>, T> action) {
        List<Child> locked = new ArrayList<>();
        try {
            for (Child child : sorted()) {
                child.acquire();
                locked.add(child);
            }
            return action.apply(locked.stream().filter(child -> !child.removed()).toList());
        } finally {
            locked.forEach(Child::release);
        }
    }

    /**
     * Drops the children whose state has nothing to tell (stopped by command): EXITED and FATAL ones
     * keep their exit code until an operator acts. A child busy with an operation is left for the
     * next time rather than waited for.
     */
    void removeForgettable() {
        for (Child child : children.values()) {
            if (forgettable(child) && child.tryAcquire()) {
                try {
                    if (!child.removed() && forgettable(child)) {
                        child.remove();
                        children.remove(child.name(), child);
                    }
                } finally {
                    child.release();
                }
            }
        }
    }

    boolean contains(String name) {
        return children.containsKey(name);
    }

    List<ChildStatus> statuses() {
        return sorted().stream().map(Child::status).toList();
    }

    private List<Child> sorted() {
        return children.values().stream().sorted(Comparator.comparing(Child::name)).toList();
    }

    private static boolean forgettable(Child child) {
        return child.stateNow().isForgettable();
    }
}
