package keeper.process.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import keeper.api.ChildSpec;
import keeper.api.Hook;
import keeper.api.Outcome.Action;
import keeper.api.Outcome;
import keeper.api.HookFault.Problem;
import keeper.api.HookFault;
import keeper.api.Refusal.Reason;
import keeper.api.Refusal;

/**
 * What {@code start}, {@code restart}, {@code trystart} and {@code stop} mean, with their hooks.
 * Each re-reads the child's config, checks that it can act (refusing before anything runs),
 * validates the whole hook chain, runs the prehook, acts under the child's lock, then runs the
 * posthook. Hooks run outside the lock, so no thread ever waits for a lock while it holds another.
 * Answers are {@link Outcome}s: facts, never words.
 */
final class ChildOperations {

    private static final Logger LOG = System.getLogger(ChildOperations.class.getName());

    private final ChildSpecs specs;
    private final ProcessTable table;
    private final ChildLifecycle lifecycle;
    private final HookChains chains;
    private volatile boolean closed;
    /**
     * Orders the operations of this table: every operation holds the read lock; {@code stop all} takes the
     * write lock to count a new {@link #generation}, and closing takes it to wait for the operations in flight.
     */
    private final ReentrantReadWriteLock order = new ReentrantReadWriteLock();
    /** How many {@code stop all} have begun; guarded by {@link #order}. */
    private long generation;

    ChildOperations(ChildSpecs specs, ProcessTable table, ChildLifecycle lifecycle, HookChains chains) {
        this.specs = specs;
        this.table = table;
        this.lifecycle = lifecycle;
        this.chains = chains;
    }

    Outcome run(Command command, String name) {
        order.readLock().lock();
        try {
            return run(command, name, OptionalLong.empty(), false, null);
        } finally {
            order.readLock().unlock();
        }
    }

    /** The count of {@code stop all} so far: a {@code start all} notes it as it begins (see {@link #startPart}). */
    long generation() {
        order.readLock().lock();
        try {
            return generation;
        } finally {
            order.readLock().unlock();
        }
    }

    /**
     * Starts {@code name} as part of a {@code start all} that began at {@code begunAt} ({@link #generation()}):
     * a {@code stop all} that arrived since wins, and nothing more of that start all runs.
     *
     * @param read the child's config as the start all read it (one read per child and command), or {@code null} to
     *             read it now
     */
    Outcome startPart(String name, ChildSpec read, long begunAt) {
        order.readLock().lock();
        try {
            if (generation != begunAt) {
                return Outcome.refused(Action.START, name, Refusal.of(Reason.SUPERSEDED, null));
            }
            return run(Command.START, name, OptionalLong.empty(), false, read);
        } finally {
            order.readLock().unlock();
        }
    }

    Outcome stopAll() {
        if (closed) {
            return Outcome.refused(Action.STOP_ALL, null, Refusal.of(Reason.SHUTTING_DOWN, null));
        }
        // waits for the starts in flight, so that every child they start is in the table when it is stopped
        order.writeLock().lock();
        try {
            generation++;
        } finally {
            order.writeLock().unlock();
        }
        return Outcome.ofAll(Action.STOP_ALL, table.withAll(lifecycle::stopInOrder));
    }

    /** A repeat timer armed when {@code name} started as {@code pid} is due. */
    void repeat(String name, long pid) {
        Optional<ChildSpec> spec;
        try {
            spec = specs.find(name);
        } catch (Refused e) {
            LOG.log(Level.WARNING, "repeat of {0} ended: its file cannot be read: {1}", name,
                    Objects.requireNonNullElse(e.refusal().detail(), "see the error above"));
            return;
        }
        if (spec.isEmpty() || spec.get().repeat() == null) {
            LOG.log(Level.INFO, "repeat of {0} ended: its config has no repeat any more", name);
            return;
        }
        String action = spec.get().repeat().action();
        // the seed: an empty action means restart
        Optional<Command> command = action == null || action.isBlank() ? Optional.of(Command.RESTART)
                : Command.parse(action);
        if (command.isEmpty()) {
            LOG.log(Level.WARNING, "repeat of {0} ended: unknown action ''{1}''", name, action);
            return;
        }
        Outcome outcome;
        order.readLock().lock();
        try {
            outcome = run(command.get(), name, OptionalLong.of(pid), false, null);
        } finally {
            order.readLock().unlock();
        }
        if (outcome.refusal() != null && outcome.refusal().reason() == Reason.PID_CHANGED) {
            LOG.log(Level.INFO, "repeat {0} {1} skipped: {1} no longer runs as pid {2,number,#}", command.get(), name, pid);
        } else {
            LOG.log(outcome.satisfied() ? Level.INFO : Level.WARNING, "repeat {0} {1}: {2}", command.get(), name, outcome);
        }
    }

    /** Refuses every operation from now on, and waits up to {@code drain} for the operations in flight. */
    void close(Duration drain) {
        closed = true;
        try {
            if (order.writeLock().tryLock(drain.toNanos(), TimeUnit.NANOSECONDS)) {
                order.writeLock().unlock();
            } else {
                LOG.log(Level.WARNING, "operations still in flight after {0}; closing anyway", Durations.format(drain));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param pid          when present, act only if the child still runs as this pid (repeat timers)
     * @param chainChecked whether the caller already validated the hook chain this operation belongs to
     * @param read         the child's config as this command read it already, or {@code null} to read it now
     */
    private Outcome run(Command command, String name, OptionalLong pid, boolean chainChecked, ChildSpec read) {
        if (!ChildNames.valid(name)) {
            return Outcome.refused(command.action(), null, Refusal.of(Reason.INVALID_NAME, ChildNames.printable(name)));
        }
        if (closed) {
            return Outcome.refused(command.action(), name, Refusal.of(Reason.SHUTTING_DOWN, null));
        }
        try {
            return command.bringsUp() ? bringUp(command, name, pid, chainChecked, read) : stop(name, pid, chainChecked);
        } catch (Refused e) {
            return Outcome.refused(command.action(), name, e.refusal());
        }
    }

    private Outcome bringUp(Command command, String name, OptionalLong pid, boolean chainChecked, ChildSpec read)
            throws Refused {
        ChildSpec spec;
        try {
            spec = read != null ? read : specs.require(name);
        } catch (Refused broken) {
            return leftAlone(command, name, broken);
        }
        Optional<Outcome> blocked = table.withChild(name, child -> blocker(command, child, pid));
        if (blocked.isPresent()) {
            return blocked.get();
        }
        List<Outcome> hooks = List.of();
        if (spec.prehook() != null) {
            Outcome hook = runHook(command, spec, chainChecked);
            if (!hook.satisfied()) {
                return hookFailed(command.action(), name, null, spec.prehook(), hook);
            }
            hooks = List.of(hook);
        }
        return table.withChild(name, child -> blocker(command, child, pid).orElseGet(() -> act(command, child, spec)))
                .withHooks(hooks);
    }

    private Outcome stop(String name, OptionalLong pid, boolean chainChecked) throws Refused {
        Optional<ChildSpec> spec;
        try {
            spec = specs.find(name);
        } catch (Refused broken) {
            // only starting needs a valid file: a running child is stopped as what Keeper knows of its process
            return table.withExisting(name, child -> blocker(Command.STOP, child, pid)
                    .orElseGet(() -> withoutPosthook(lifecycle.stop(List.of(child)).get(0), child)))
                    .orElseThrow(() -> broken);
        }
        Optional<Outcome> blocked = table.withExisting(name, child -> blocker(Command.STOP, child, pid))
                .orElseGet(() -> Optional.of(spec.isPresent()
                        ? notRunning(name)
                        : Outcome.refused(Action.STOP, name, specs.unknown(name).refusal())));
        if (blocked.isPresent()) {
            return blocked.get();
        }
        Hook posthook = spec.map(ChildSpec::posthook).orElse(null);
        if (posthook != null && !chainChecked) {
            Optional<HookFault> fault = chains.fault(Command.STOP, spec.get());
            if (fault.isPresent()) {
                throw new Refused(fault.get());
            }
        }
        Outcome stopped = table.withExisting(name, child -> blocker(Command.STOP, child, pid)
                .orElseGet(() -> lifecycle.stop(List.of(child)).get(0)))
                .orElseGet(() -> notRunning(name));
        if (!stopped.ok() || posthook == null) {
            return stopped;
        }
        Outcome hook = runHook(Command.STOP, spec.get(), true);
        return hook.satisfied()
                ? stopped.withHooks(List.of(hook))
                : hookFailed(Action.STOP, name, stopped, posthook, hook);
    }

    /**
     * The refusal for a child whose file is broken; for a restart of a running child it carries the
     * pid of the process left running untouched.
     */
    private Outcome leftAlone(Command command, String name, Refused broken) {
        long running = command == Command.START ? 0 : table.withExisting(name,
                child -> child.state().canRestart() ? child.run().pid() : 0L).orElse(0L);
        return new Outcome(Outcome.Kind.REFUSED, command.action(), name, running, null, broken.refusal(), List.of(),
                List.of(), null);
    }

    /** A stop of a child whose file broke: its posthook, as it was started with, is not run (and said so). */
    private static Outcome withoutPosthook(Outcome stopped, Child child) {
        Hook posthook = child.spec() == null ? null : child.spec().posthook();
        Optional<Command> hookCommand = posthook == null ? Optional.empty() : Command.parse(posthook.command());
        if (hookCommand.isEmpty() || !stopped.ok()) {
            return stopped;
        }
        return stopped.withHooks(List.of(Outcome.refused(hookCommand.get().action(), posthook.child(),
                Refusal.of(Reason.HOOK_SKIPPED, child.name()))));
    }

    /** Why {@code command} cannot act on {@code child} as it is now, or empty when it can. */
    private static Optional<Outcome> blocker(Command command, Child child, OptionalLong pid) {
        if (pid.isPresent() && !(child.state().canRestart() && child.run().pid() == pid.getAsLong())) {
            return Optional.of(Outcome.refused(command.action(), child.name(),
                    Refusal.of(Reason.PID_CHANGED, Long.toString(pid.getAsLong()))));
        }
        return switch (command) {
            case START -> child.state().canStart()
                    ? Optional.empty()
                    : Optional.of(Outcome.already(Action.START, child.name(), child.run().pid()));
            case RESTART -> child.state().canRestart()
                    ? Optional.empty()
                    : Optional.of(Outcome.refused(Action.RESTART, child.name(), Refusal.of(Reason.NOT_RUNNING, null)));
            case TRYSTART -> Optional.empty();
            case STOP -> child.state().canStop() ? Optional.empty() : Optional.of(notRunning(child.name()));
        };
    }

    private Outcome act(Command command, Child child, ChildSpec spec) {
        return switch (command) {
            case START -> start(Action.START, child, spec);
            case RESTART -> restart(Action.RESTART, child, spec);
            case TRYSTART -> child.state().canRestart()
                    ? restart(Action.TRYSTART, child, spec)
                    : start(Action.TRYSTART, child, spec);
            case STOP -> throw new IllegalArgumentException("stop does not bring a child up");
        };
    }

    private Outcome start(Action action, Child child, ChildSpec spec) {
        try {
            return Outcome.done(action, child.name(), lifecycle.launch(child, spec).pid(), null);
        } catch (SpawnException e) {
            return Outcome.refused(action, child.name(), Refusal.of(Reason.SPAWN_FAILED, e.getMessage()));
        }
    }

    private Outcome restart(Action action, Child child, ChildSpec spec) {
        Outcome stopped = lifecycle.stop(List.of(child)).get(0);
        if (!stopped.ok()) {
            return Outcome.refused(action, child.name(), stopped.refusal()).withStop(stopped.stop());
        }
        try {
            return Outcome.done(action, child.name(), lifecycle.launch(child, spec).pid(), stopped.stop());
        } catch (SpawnException e) {
            return Outcome.refused(action, child.name(), Refusal.of(Reason.SPAWN_FAILED, e.getMessage()))
                    .withStop(stopped.stop());
        }
    }

    /**
     * Runs the hook {@code command} sets off on {@code spec}'s child, after validating its whole chain
     * unless that was done already. A hook whose target is already as asked (start of a running
     * child, stop of a stopped one) is satisfied.
     */
    private Outcome runHook(Command command, ChildSpec spec, boolean chainChecked) throws Refused {
        if (!chainChecked) {
            Optional<HookFault> fault = chains.fault(command, spec);
            if (fault.isPresent()) {
                throw new Refused(fault.get());
            }
        }
        Hook hook = HookChains.hookOf(command, spec);
        Optional<Command> hookCommand = Command.parse(hook.command());
        if (hookCommand.isEmpty()) {
            throw new Refused(HookChains.at(HookChains.link(command, hook, spec.name()), Problem.UNKNOWN_COMMAND, null));
        }
        return run(hookCommand.get(), hook.child(), OptionalLong.empty(), true, null);
    }

    private static Outcome hookFailed(Action action, String name, Outcome stopped, Hook hook, Outcome ran) {
        return new Outcome(Outcome.Kind.REFUSED, action, name, 0, stopped == null ? null : stopped.stop(),
                Refusal.of(Reason.HOOK_FAILED, hook.toString()), List.of(ran), List.of(), null);
    }

    private static Outcome notRunning(String name) {
        return Outcome.already(Action.STOP, name, 0);
    }
}
