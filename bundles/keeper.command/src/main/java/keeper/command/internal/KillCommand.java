package keeper.command.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import keeper.api.Outcome;
import keeper.api.Supervisor;
import keeper.api.spi.command.Caller;
import keeper.api.spi.command.Command;
import keeper.api.spi.command.KeeperCommand;
import keeper.api.spi.command.Reply;
import keeper.api.spi.command.Request;

/** {@code kill}: stops every child, answers with the server's last words, then stops the server. */
@Component(service = KeeperCommand.class)
@Command("kill")
public final class KillCommand implements KeeperCommand {

    private static final Logger LOG = System.getLogger(KillCommand.class.getName());

    /**
     * Stopping the framework closes the transports, so the reply would be lost if it began at once.
     * There is no signal for "the reply has been written" across transports; a short grace period is
     * the simple, bounded answer.
     */
    static final Duration REPLY_GRACE = Duration.ofMillis(200);

    private final Supervisor supervisor;
    private final Runnable stopServer;

    @Activate
    public KillCommand(@Reference Supervisor supervisor, BundleContext context) {
        this(supervisor, () -> stopFramework(context));
    }

    KillCommand(Supervisor supervisor, Runnable stopServer) {
        this.supervisor = supervisor;
        this.stopServer = stopServer;
    }

    @Override
    public Target target() {
        return Target.NONE;
    }

    @Override
    public String description() {
        return "stop every child, then the server";
    }

    @Override
    public Reply execute(Request request, Caller caller) {
        LOG.log(Level.WARNING, "kill from {0} over {1}: stopping every child, then the server",
                caller.remote(), caller.transport());
        Outcome stopped = supervisor.stopAll();
        stopLater();
        return new Reply(stopped.ok(), "I am dying.\n" + OutcomeWords.text(stopped));
    }

    private void stopLater() {
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(REPLY_GRACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopServer.run();
        }, "keeper-kill");
        stopper.setDaemon(true);
        stopper.start();
    }

    private static void stopFramework(BundleContext context) {
        try {
            LOG.log(Level.INFO, "stopping the framework after the kill reply");
            context.getBundle(0).stop();
        } catch (BundleException | IllegalStateException e) {
            LOG.log(Level.ERROR, "kill could not stop the framework", e);
        }
    }
}
