package keeper.process.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

import keeper.api.ChildState;
import keeper.api.ChildStatus;

/**
 * Name to child, with the locking discipline that keeps Keeper deadlock-free: an operation holds
 * one child's lock at a time (hooks run between, never inside), except {@link #withAll}, which
 * takes every lock in name order.
 */
final class ProcessTable {

    private final ConcurrentMap<String, Child> children = new ConcurrentHashMap<>();

    /** Runs {@code action} holding the lock of child {@code name}, adding it to the table if absent. */
    <T> T withChild(String name, Function<Child, T> action) {
        while (true) {
            Child child = children.computeIfAbsent(name, Child::new);
            child.lock().lock();
            try {
                if (!child.removed()) {
                    return action.apply(child);
                }
            } finally {
                child.lock().unlock();
            }
        }
    }

    /** Runs {@code action} holding the lock of child {@code name}, or answers empty when the table has no such child. */
    <T> Optional<T> withExisting(String name, Function<Child, T> action) {
        Child child = children.get(name);
        if (child == null) {
            return Optional.empty();
        }
        child.lock().lock();
        try {
            return child.removed() ? Optional.empty() : Optional.of(action.apply(child));
        } finally {
            child.lock().unlock();
        }
    }

    /** Runs {@code action} holding the lock of every child in the table, taken in name order. */
    <T> T withAll(Function<List<Child>, T> action) {
        List<Child> locked = new ArrayList<>();
        try {
            for (Child child : sorted()) {
                child.lock().lock();
                locked.add(child);
            }
            return action.apply(locked.stream().filter(child -> !child.removed()).toList());
        } finally {
            locked.forEach(child -> child.lock().unlock());
        }
    }

    /**
     * Drops children that neither run nor wait for a restart. A child busy with an operation is left
     * for the next time rather than waited for.
     */
    void removeDead() {
        for (Child child : children.values()) {
            if (isDead(child.status()) && child.lock().tryLock()) {
                try {
                    if (!child.removed() && isDead(child.status())) {
                        child.remove();
                        children.remove(child.name(), child);
                    }
                } finally {
                    child.lock().unlock();
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

    private static boolean isDead(ChildStatus status) {
        return status.state() != ChildState.RUNNING && status.state() != ChildState.BACKOFF;
    }
}
