package keeper.process.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import keeper.api.ChildState;

class ChildStateMachineTest {

    private final ChildEvents events = new ChildEvents();
    private final List<Transition> seen = new CopyOnWriteArrayList<>();

    ChildStateMachineTest() {
        events.subscribe(seen::add);
    }

    @Test
    void everyLegalTransitionIsTakenAndPublishedOnce() {
        int walked = 0;
        for (ChildState from : ChildState.values()) {
            for (ChildState to : Child.LEGAL.get(from)) {
                Child child = childIn(from);
                seen.clear();
                child.acquire();
                try {
                    child.moveTo(to, "test");
                } finally {
                    child.release();
                }
                assertEquals(to, child.status().state());
                assertEquals(1, seen.size(), from + " -> " + to + " published " + seen);
                assertEquals(from, seen.get(0).previous());
                assertEquals(to, seen.get(0).state());
                assertEquals("test", seen.get(0).reason());
                walked++;
            }
        }
        assertEquals(18, walked, "the diagram in docs/processes.md has 18 labelled moves");
    }

    @Test
    void everyIllegalTransitionIsRefusedAndChangesNothing() {
        int refused = 0;
        for (ChildState from : ChildState.values()) {
            for (ChildState to : ChildState.values()) {
                if (Child.LEGAL.get(from).contains(to)) {
                    continue;
                }
                Child child = childIn(from);
                seen.clear();
                child.acquire();
                try {
                    IllegalStateException e = assertThrows(IllegalStateException.class, () -> child.moveTo(to, "test"));
                    assertTrue(e.getMessage().contains(from + " -> " + to), e.getMessage());
                } finally {
                    child.release();
                }
                assertEquals(from, child.status().state());
                assertEquals(List.of(), seen, "a refused move publishes nothing");
                refused++;
            }
        }
        assertEquals(7 * 7 - 18, refused);
    }

    @Test
    void sequenceNumbersIncreaseAcrossChildren() {
        Child web = childIn(ChildState.STOPPED);
        Child db = childIn(ChildState.STOPPED);
        seen.clear();
        move(web, ChildState.STARTING);
        move(db, ChildState.STARTING);
        move(web, ChildState.RUNNING);
        assertEquals(List.of(1L, 2L, 3L), seen.stream().map(t -> t.sequence() - seen.get(0).sequence() + 1).toList());
    }

    @Test
    void aMoveWithoutTheLockIsABug() {
        Child child = new Child("web", events);
        assertThrows(AssertionError.class, () -> child.moveTo(ChildState.STARTING, "test"));
    }

    @Test
    void aLockNotHadInTimeFailsNamingItsHolder() throws Exception {
        Child child = new Child("web", events, Duration.ofMillis(300));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            child.acquire();
            try {
                held.countDown();
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                child.release();
            }
        }, "stuck-holder");
        holder.start();
        try {
            held.await();
            IllegalStateException e = assertThrows(IllegalStateException.class, child::acquire);
            assertTrue(e.getMessage().contains("stuck-holder"), e.getMessage());
            assertFalse(child.heldByCurrentThread());
        } finally {
            done.countDown();
            holder.join();
        }
        child.acquire();
        child.release();
    }

    @Test
    void capabilitiesFollowTheStates() {
        for (ChildState state : ChildState.values()) {
            assertEquals(state.canStart(), Child.LEGAL.get(state).contains(ChildState.STARTING), state::toString);
            assertEquals(state.canStop(), Child.LEGAL.get(state).contains(ChildState.STOPPING)
                    && state != ChildState.STOPPING || state == ChildState.BACKOFF, state::toString);
            if (state.hasProcess()) {
                assertTrue(state.isAlive(), state::toString);
            }
        }
    }

    /** A fresh child brought to {@code target} by the shortest chain of legal moves from STOPPED. */
    private Child childIn(ChildState target) {
        Child child = new Child("web", events);
        for (ChildState step : pathTo(target)) {
            move(child, step);
        }
        return child;
    }

    private static void move(Child child, ChildState next) {
        child.acquire();
        try {
            child.moveTo(next, "setup");
        } finally {
            child.release();
        }
    }

    private static List<ChildState> pathTo(ChildState target) {
        Map<ChildState, ChildState> cameFrom = new EnumMap<>(ChildState.class);
        Deque<ChildState> queue = new ArrayDeque<>(List.of(ChildState.STOPPED));
        while (!queue.isEmpty()) {
            ChildState state = queue.poll();
            for (ChildState next : Child.LEGAL.get(state)) {
                if (next != ChildState.STOPPED && cameFrom.putIfAbsent(next, state) == null) {
                    queue.add(next);
                }
            }
        }
        List<ChildState> path = new ArrayList<>();
        for (ChildState state = target; state != ChildState.STOPPED; state = cameFrom.get(state)) {
            path.add(0, state);
        }
        return path;
    }
}
