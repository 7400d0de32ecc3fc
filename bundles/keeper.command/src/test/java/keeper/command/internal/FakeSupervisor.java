package keeper.command.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import keeper.api.ChildStatus;
import keeper.api.Outcome;
import keeper.api.ServerConfig;
import keeper.api.ServerInfo;
import keeper.api.StartupMode;
import keeper.api.StopResult;
import keeper.api.Supervisor;

/** Records what it was asked and answers from fixed tables. */
final class FakeSupervisor implements Supervisor {

    final List<String> calls = new ArrayList<>();
    List<ChildStatus> running = List.of();
    List<ChildStatus> known = List.of();
    static final StopResult WEB_STOPPED = new StopResult(42, StopResult.End.TERMINATED, 143, Duration.ofMillis(15),
            Duration.ofSeconds(10), 0, List.of());
    Outcome stopAllOutcome = Outcome.ofAll(Outcome.Action.STOP_ALL,
            List.of(Outcome.done(Outcome.Action.STOP, "web", 0, WEB_STOPPED)));
    /** When set, startAll waits until it opens: a start all that takes long. */
    volatile CountDownLatch startAllGate;
    volatile ServerInfo info = new ServerInfo("0.1.0", 4242, Instant.parse("2026-11-25T10:00:00Z"), config(false), List.of());

    static ServerConfig config(boolean encrypt) {
        return new ServerConfig(Path.of("/etc/keeper/server.yml"), List.of(Path.of("/srv/a"), Path.of("/srv/b")),
                StartupMode.HALF, List.of("web"), encrypt, List.of(), null, false, ServerConfig.DEFAULT_PORT, "127.0.0.1");
    }

    /** Records the call; answers that {@code name} now runs as pid 42 (or, for stop, that pid 42 stopped). */
    private Outcome record(String call, Outcome.Action action, String name) {
        calls.add(call + " " + name);
        return action == Outcome.Action.STOP
                ? Outcome.done(action, name, 0, WEB_STOPPED)
                : Outcome.done(action, name, 42, null);
    }

    @Override
    public Outcome start(String name) {
        return record("start", Outcome.Action.START, name);
    }

    @Override
    public Outcome restart(String name) {
        return record("restart", Outcome.Action.RESTART, name);
    }

    @Override
    public Outcome tryStart(String name) {
        return record("trystart", Outcome.Action.TRYSTART, name);
    }

    @Override
    public Outcome stop(String name) {
        return record("stop", Outcome.Action.STOP, name);
    }

    @Override
    public Outcome startAll() {
        calls.add("startAll");
        if (startAllGate != null) {
            try {
                startAllGate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Outcome.ofAll(Outcome.Action.START_ALL, List.of(Outcome.done(Outcome.Action.START, "web", 42, null)));
    }

    @Override
    public Outcome stopAll() {
        calls.add("stopAll");
        return stopAllOutcome;
    }

    @Override
    public List<ChildStatus> check(String name) {
        calls.add("check " + name);
        return running.stream().filter(child -> name == null || child.name().equals(name)).toList();
    }

    @Override
    public List<ChildStatus> status() {
        return known;
    }

    @Override
    public ServerInfo info() {
        return info;
    }
}
