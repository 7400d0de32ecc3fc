package keeper.shell.internal;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import keeper.api.CommandDispatcher;
import keeper.api.spi.auth.Envelope;
import keeper.api.spi.command.Caller;
import keeper.api.spi.command.Reply;

/**
 * {@code keeper:start web}, {@code keeper:check}, ... in the runtime's Gogo shell. Each goes through
 * the same dispatcher as remote requests, so the shell and the network answer alike; the shell is
 * in-process and therefore a trusted caller.
 */
@Component(service = SupervisorCommands.class, property = {
        "osgi.command.scope=keeper",
        "osgi.command.function=start", "osgi.command.function=stop", "osgi.command.function=restart",
        "osgi.command.function=trystart", "osgi.command.function=check", "osgi.command.function=info",
        "osgi.command.function=status", "osgi.command.function=kill" })
public final class SupervisorCommands {

    private static final Caller SHELL = Caller.local("gogo");

    private final CommandDispatcher dispatcher;

    @Activate
    public SupervisorCommands(@Reference CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Descriptor("start a child that is not running")
    public String start(@Descriptor("child name") String child) {
        return run("start " + child);
    }

    @Descriptor("stop a running child, or every child with 'all'")
    public String stop(@Descriptor("child name or 'all'") String child) {
        return run("stop " + child);
    }

    @Descriptor("restart a running child")
    public String restart(@Descriptor("child name") String child) {
        return run("restart " + child);
    }

    @Descriptor("restart a child if it runs, else start it")
    public String trystart(@Descriptor("child name") String child) {
        return run("trystart " + child);
    }

    @Descriptor("list running children (removes dead ones from the table)")
    public String check() {
        return run("check");
    }

    @Descriptor("show one running child")
    public String check(@Descriptor("child name") String child) {
        return run("check " + child);
    }

    @Descriptor("show the server's version, configuration and running children")
    public String info() {
        return run("info");
    }

    @Descriptor("show one child's configuration")
    public String info(@Descriptor("child name") String child) {
        return run("info " + child);
    }

    @Descriptor("list every known child with its state")
    public String status() {
        return run("status");
    }

    @Descriptor("show one child's state")
    public String status(@Descriptor("child name") String child) {
        return run("status " + child);
    }

    @Descriptor("stop every child, then the server")
    public String kill() {
        return run("kill");
    }

    private String run(String line) {
        Reply reply = dispatcher.dispatch(Envelope.unsigned(1, line), SHELL);
        if (!reply.ok()) {
            throw new IllegalStateException(reply.text());
        }
        return reply.text();
    }
}
