package keeper.process.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;

import keeper.api.ChildSpec;
import keeper.api.ChildState;
import keeper.api.Hook;

/**
 * What {@code start}, {@code restart}, {@code trystart} and {@code stop} mean, with their hooks.
 * Each re-reads the child's config, checks that it can act (refusing before anything runs),
 * validates the whole hook chain, runs the prehook, acts under the child's lock, then runs the
 * posthook. Hooks run outside the lock, so no thread ever waits for a lock while it holds another.
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

    Result run(Command command, String name) {
        order.readLock().lock();
        try {
            return run(command, name, OptionalLong.empty(), false);
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
     */
    Result startPart(String name, long begunAt) {
        order.readLock().lock();
        try {
            if (generation != begunAt) {
                return Result.refused(name + " not started: a stop all arrived during the start all");
            }
            return run(Command.START, name, OptionalLong.empty(), false);
        } finally {
            order.readLock().unlock();
        }
    }

    Result stopAll() {
        if (closed) {
            return shuttingDown();
        }
        // waits for the starts in flight, so that every child they start is in the table when it is stopped
        order.writeLock().lock();
        try {
            generation++;
        } finally {
            order.writeLock().unlock();
        }
        List<Result> results = table.withAll(lifecycle::stop);
        if (results.isEmpty()) {
            return Result.done("no child was running");
        }
        String text = results.stream().map(Result::message).collect(Collectors.joining("\n"));
        return results.stream().allMatch(Result::ok) ? Result.done(text) : Result.refused(text);
    }

    /** A repeat timer armed when {@code name} started as {@code pid} is due. */
    void repeat(String name, long pid) {
        Optional<ChildSpec> spec;
        try {
            spec = specs.find(name);
        } catch (Refused e) {
            LOG.log(Level.WARNING, "repeat of {0} ended: {1}", name, e.getMessage());
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
        Result result;
        order.readLock().lock();
        try {
            result = run(command.get(), name, OptionalLong.of(pid), false);
        } finally {
            order.readLock().unlock();
        }
        LOG.log(Level.INFO, "repeat {0} {1}: {2}", command.get(), name, result.message());
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
     */
    private Result run(Command command, String name, OptionalLong pid, boolean chainChecked) {
        Optional<String> badName = ChildNames.problem(name);
        if (badName.isPresent()) {
            return Result.refused(badName.get());
        }
        if (closed) {
            return shuttingDown();
        }
        try {
            return command.bringsUp() ? bringUp(command, name, pid, chainChecked) : stop(name, pid, chainChecked);
        } catch (Refused e) {
            return e.result();
        }
    }

    private Result bringUp(Command command, String name, OptionalLong pid, boolean chainChecked) throws Refused {
        ChildSpec spec;
        try {
            spec = specs.require(name);
        } catch (Refused broken) {
            throw leftAlone(command, name, broken);
        }
        Optional<Result> blocked = table.withChild(name, child -> blocker(command, child, pid));
        if (blocked.isPresent()) {
            return blocked.get();
        }
        String hookLines = "";
        if (spec.prehook() != null) {
            Result hook = runHook(command, spec, chainChecked);
            if (!hook.satisfied()) {
                return Result.refused(name + " not " + pastTense(command) + ": " + hook.message());
            }
            hookLines = hook.message();
        }
        return table.withChild(name, child -> blocker(command, child, pid).orElseGet(() -> act(command, child, spec)))
                .after(hookLines);
    }

    private Result stop(String name, OptionalLong pid, boolean chainChecked) throws Refused {
        Optional<ChildSpec> spec;
        try {
            spec = specs.find(name);
        } catch (Refused broken) {
            // only starting needs a valid file: a running child is stopped as what Keeper knows of its process
            return table.withExisting(name, child -> blocker(Command.STOP, child, pid)
                    .orElseGet(() -> withoutPosthook(lifecycle.stop(List.of(child)).get(0), child)))
                    .orElseThrow(() -> broken);
        }
        Optional<Result> blocked = table.withExisting(name, child -> blocker(Command.STOP, child, pid))
                .orElseGet(() -> Optional.of(spec.isPresent() ? notRunning(name) : Result.refused(specs.unknown(name))));
        if (blocked.isPresent()) {
            return blocked.get();
        }
        Hook posthook = spec.map(ChildSpec::posthook).orElse(null);
        if (posthook != null && !chainChecked) {
            Optional<String> problem = chains.problem(Command.STOP, spec.get());
            if (problem.isPresent()) {
                return Result.refused(name + " not stopped: " + problem.get());
            }
        }
        Result stopped = table.withExisting(name, child -> blocker(Command.STOP, child, pid)
                .orElseGet(() -> lifecycle.stop(List.of(child)).get(0)))
                .orElseGet(() -> notRunning(name));
        if (!stopped.ok() || posthook == null) {
            return stopped;
        }
        Result hook = runHook(Command.STOP, spec.get(), true);
        return hook.satisfied()
                ? Result.done(stopped.message() + "\n" + hook.message())
                : Result.refused(stopped.message() + "\n" + hook.message());
    }

    /** A refusal to restart a running child whose file broke, saying that its process runs on untouched. */
    private Refused leftAlone(Command command, String name, Refused broken) {
        if (command == Command.START) {
            return broken;
        }
        OptionalLong running = table.withExisting(name, child -> child.isRunning()
                ? OptionalLong.of(child.run().pid()) : OptionalLong.empty()).orElse(OptionalLong.empty());
        if (running.isEmpty()) {
            return broken;
        }
        return new Refused(name + " not restarted: its file is broken, so the running process (pid "
                + running.getAsLong() + ") was left alone: " + broken.getMessage());
    }

    private static Result withoutPosthook(Result stopped, Child child) {
        Hook posthook = child.spec() == null ? null : child.spec().posthook();
        return posthook == null || !stopped.ok() ? stopped : Result.done(stopped.message() + "\n" + "posthook '"
                + posthook + "' of " + child.name() + " not run: the child's file is broken");
    }

    /** Why {@code command} cannot act on {@code child} as it is now, or empty when it can. */
    private static Optional<Result> blocker(Command command, Child child, OptionalLong pid) {
        if (pid.isPresent() && !(child.isRunning() && child.run().pid() == pid.getAsLong())) {
            return Optional.of(Result.refused(child.name() + " no longer runs as pid " + pid.getAsLong()));
        }
        return switch (command) {
            case START -> child.isRunning()
                    ? Optional.of(Result.already(child.name() + " is already running (pid " + child.run().pid() + ")"))
                    : Optional.empty();
            case RESTART -> child.isRunning()
                    ? Optional.empty()
                    : Optional.of(Result.refused(child.name() + " is not running; use 'start " + child.name() + "'"));
            case TRYSTART -> Optional.empty();
            case STOP -> child.isRunning() || child.state() == ChildState.BACKOFF
                    ? Optional.empty()
                    : Optional.of(notRunning(child.name()));
        };
    }

    private Result act(Command command, Child child, ChildSpec spec) {
        return switch (command) {
            case START -> start(child, spec, "");
            case RESTART -> restart(child, spec, "");
            case TRYSTART -> child.isRunning()
                    ? restart(child, spec, " by trystart: it was running")
                    : start(child, spec, " by trystart: it was not running");
            case STOP -> throw new IllegalArgumentException("stop does not bring a child up");
        };
    }

    private Result start(Child child, ChildSpec spec, String note) {
        try {
            Run run = lifecycle.launch(child, spec);
            return Result.done(child.name() + " started (pid " + run.pid() + ")" + note);
        } catch (SpawnException e) {
            return Result.refused(child.name() + " not started: " + e.getMessage());
        }
    }

    private Result restart(Child child, ChildSpec spec, String note) {
        Result stopped = lifecycle.stop(List.of(child)).get(0);
        if (!stopped.ok()) {
            return stopped;
        }
        try {
            Run run = lifecycle.launch(child, spec);
            return Result.done(stopped.message() + "\n" + child.name() + " restarted (pid " + run.pid() + ")" + note);
        } catch (SpawnException e) {
            return Result.refused(stopped.message() + "\n" + child.name() + " not started again: " + e.getMessage());
        }
    }

    /**
     * Runs the hook {@code command} sets off on {@code spec}'s child, after validating its whole chain
     * unless that was done already. A hook whose target is already as asked (start of a running
     * child, stop of a stopped one) is satisfied.
     */
    private Result runHook(Command command, ChildSpec spec, boolean chainChecked) {
        if (!chainChecked) {
            Optional<String> problem = chains.problem(command, spec);
            if (problem.isPresent()) {
                return Result.refused(problem.get());
            }
        }
        Hook hook = HookChains.hookOf(command, spec);
        String label = HookChains.label(command, hook, spec.name());
        Optional<Command> hookCommand = Command.parse(hook.command());
        if (hookCommand.isEmpty()) {
            return Result.refused(label + ": unknown command '" + hook.command() + "'");
        }
        Result result = run(hookCommand.get(), hook.child(), OptionalLong.empty(), true);
        return result.satisfied() ? result : Result.refused(label + " failed: " + result.message());
    }

    private static Result notRunning(String name) {
        return Result.already(name + " is not running");
    }

    private static Result shuttingDown() {
        return Result.refused("the supervisor is shutting down");
    }

    private static String pastTense(Command command) {
        return command == Command.RESTART ? "restarted" : "started";
    }
}
