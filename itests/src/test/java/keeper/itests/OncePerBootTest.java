package keeper.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

import keeper.itests.harness.EmbeddedRuntime;
import keeper.itests.harness.Proc;
import keeper.itests.harness.RawClient;
import keeper.itests.harness.ServerDir;

/**
 * Issue 12: what is decided once per server start stays decided when keeper.process and
 * keeper.command are updated in the running runtime: the startup run does not run again (a child an
 * operator stopped stays stopped) and encrypt keeps the value it had at boot, whatever server.yml says now.
 */
class OncePerBootTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String SERVER = "mode: half\nstartup: [a, b]\nlistener_addr: 127.0.0.1\n";
    private static final String UNSIGNED_STATUS = "KEEPER/2\nline: status\n";
    private static final String REFUSED = "KEEPER/2 ERR\nauthentication failed";

    @TempDir
    Path temp;

    private ServerDir dir;

    @AfterEach
    void stopChildren() {
        List.of("a", "b").forEach(name -> Proc.killAll(dir.sleeper(name)));
    }

    @Test
    void updatingProcessAndCommandKeepsStoppedChildrenStoppedAndEncryptAsBooted() throws Exception {
        dir = ServerDir.create(temp, SERVER + "encrypt: on\n");
        dir.sleeperChild("a", "");
        dir.sleeperChild("b", "");
        try (EmbeddedRuntime runtime = EmbeddedRuntime.boot(dir.serverYml(), dir.stateDir(), "core", "shell")) {
            Proc.awaitSingle(dir.sleeper("a"), WITHIN);
            long b = Proc.awaitSingle(dir.sleeper("b"), WITHIN);
            runtime.gogo("keeper:stop a");
            assertEquals(List.of(), Proc.pidsOf(dir.sleeper("a")));
            assertEquals(REFUSED, RawClient.exchange(dir.port(), UNSIGNED_STATUS));

            dir.writeServer(SERVER + "encrypt: off\n");
            runtime.gogo("update ($.context bundle " + bundleId(runtime, "keeper.process") + ")");
            runtime.gogo("update ($.context bundle " + bundleId(runtime, "keeper.command") + ")");
            Awaitility.await("b re-adopted").atMost(WITHIN).ignoreExceptions()
                    .until(() -> runtime.gogo("keeper:status b").contains(Long.toString(b)));

            assertEquals(REFUSED, RawClient.exchange(dir.port(), UNSIGNED_STATUS), "encrypt stays on until a restart");
            // The startup run would start 'a' within milliseconds of the new keeper.process' activation.
            Awaitility.await("a stays stopped").during(Duration.ofSeconds(2)).atMost(WITHIN)
                    .until(() -> Proc.pidsOf(dir.sleeper("a")).isEmpty());
            assertEquals(List.of(b), Proc.pidsOf(dir.sleeper("b")), "b keeps its process");
        }
    }

    private static long bundleId(EmbeddedRuntime runtime, String symbolicName) {
        for (Bundle bundle : runtime.context().getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle.getBundleId();
            }
        }
        throw new AssertionError(symbolicName + " is not installed");
    }
}
