package keeper.process.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import keeper.api.Output;
import keeper.api.RunAs;

/**
 * Run as its own JVM by {@link SignalDispositionTest}: spawns {@code grep ^SigIgn /proc/self/status} with the
 * spawner named by its first argument, its output going to the file named by the second.
 */
public final class SpawnProbe {

    private SpawnProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[1]);
        SupervisorThreads threads = new SupervisorThreads();
        Spawner spawner = Spawners.choose(args[0], out.getParent().resolve("run"), new AdoptedExits(threads));
        try {
            Launch launch = new Launch(Path.of("/bin/grep"), List.of("grep", "^SigIgn", "/proc/self/status"),
                    out.getParent(), Map.of("PATH", "/usr/bin:/bin"), new Output(out, false), null, RunAs.DEFAULT,
                    out.getParent().resolve("probe.yml"), null);
            Integer code = spawner.spawn(launch).onExit().get();
            System.exit(code == null ? 99 : code);
        } finally {
            spawner.close();
            threads.shutdown();
        }
    }
}
