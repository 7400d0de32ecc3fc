package keeper.example.plugin.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;

import org.osgi.service.component.annotations.Component;

import keeper.api.spi.command.Caller;
import keeper.api.spi.command.Command;
import keeper.api.spi.command.KeeperCommand;
import keeper.api.spi.command.Reply;
import keeper.api.spi.command.Request;

/**
 * {@code keeper uptime}: how long the machine and the Keeper server have been running. Registering
 * this class as a {@link KeeperCommand} service with the word {@code uptime} ({@code @Command}) is all it takes:
 * every transport and the shell can call it while this bundle is active.
 */
@Component
@Command("uptime")
public final class UptimeCommand implements KeeperCommand {

    private final Path procUptime;
    private final LongSupplier serverUptimeMillis;

    /** Used by Declarative Services: the real machine and this JVM. */
    public UptimeCommand() {
        this(Path.of("/proc/uptime"), () -> ManagementFactory.getRuntimeMXBean().getUptime());
    }

    UptimeCommand(Path procUptime, LongSupplier serverUptimeMillis) {
        this.procUptime = procUptime;
        this.serverUptimeMillis = serverUptimeMillis;
    }

    @Override
    public Target target() {
        return Target.NONE;
    }

    @Override
    public String description() {
        return "show how long the machine and the server have been up";
    }

    @Override
    public Reply execute(Request request, Caller caller) {
        return Reply.ok(machineLine() + "\nserver  up " + Uptimes.format(Duration.ofMillis(serverUptimeMillis.getAsLong())));
    }

    /** The machine's uptime is a bonus: where /proc is missing (not Linux) the server's still answers. */
    private String machineLine() {
        try {
            return "machine up " + Uptimes.format(Uptimes.parseProcUptime(Files.readString(procUptime)));
        } catch (IOException | IllegalArgumentException e) {
            return "machine uptime unknown: cannot read " + procUptime + " (" + e.getMessage() + ")";
        }
    }
}
