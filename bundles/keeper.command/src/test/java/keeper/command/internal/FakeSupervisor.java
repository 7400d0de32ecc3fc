package keeper.command.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import keeper.api.ChildStatus;
import keeper.api.Outcome;
import keeper.api.ServerConfig;
import keeper.api.ServerInfo;
import keeper.api.StartupMode;
import keeper.api.Supervisor;

/** Records what it was asked and answers from fixed tables. */
final class FakeSupervisor implements Supervisor {

    final List<String> calls = new ArrayList<>();
    List<ChildStatus> running = List.of();
    List<ChildStatus> known = List.of();
    Outcome stopAllOutcome = Outcome.ok("stopped web");
    ServerInfo info = new ServerInfo("0.1.0", 4242, Instant.parse("2026-11-25T10:00:00Z"), config(false), List.of());

    static ServerConfig config(boolean encrypt) {
        return new ServerConfig(Path.of("/etc/keeper/server.yml"), List.of(Path.of("/srv/a"), Path.of("/srv/b")),
                StartupMode.HALF, List.of("web"), encrypt, List.of(), null, false, ServerConfig.DEFAULT_PORT, "127.0.0.1");
    }

    private Outcome record(String call) {
        calls.add(call);
        return Outcome.ok(call + " done");
    }

    @Override
    public Outcome start(String name) {
        return record("start " + name);
    }

    @Override
    public Outcome restart(String name) {
        return record("restart " + name);
    }

    @Override
    public Outcome tryStart(String name) {
        return record("trystart " + name);
    }

    @Override
    public Outcome stop(String name) {
        return record("stop " + name);
    }

    @Override
    public Outcome startAll() {
        return record("startAll");
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
