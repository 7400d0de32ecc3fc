package keeper.command.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;

import keeper.api.CommandDispatcher;
import keeper.api.ConfigSource;
import keeper.api.KeeperProperties;
import keeper.api.spi.auth.Authenticator;
import keeper.api.spi.auth.Envelope;
import keeper.api.spi.command.Caller;
import keeper.api.spi.command.KeeperCommand;
import keeper.api.spi.command.Reply;
import keeper.api.spi.command.Request;
import keeper.protocol.Printable;
import keeper.protocol.RefusalLog;

/**
 * Routes every request, from every transport and the shell, to the KeeperCommand registered for its
 * first word, after authenticating it when the server runs with {@code encrypt: on}. Never throws.
 */
@Component(service = CommandDispatcher.class)
public final class Dispatcher implements CommandDispatcher {

    private static final Logger LOG = System.getLogger(Dispatcher.class.getName());

    private final CommandRegistry commands = new CommandRegistry();
    private final Authentication authentication = new Authentication();
    private final RefusalLog refusals = new RefusalLog(LOG);
    private final RequestEvents events = new RequestEvents();
    private final EncryptSetting encrypt;

    @Activate
    public Dispatcher(@Reference ConfigSource config, BundleContext context) {
        this(EncryptSetting.atBoot(context.getProperty(KeeperProperties.ENCRYPT), config));
    }

    Dispatcher(EncryptSetting encrypt) {
        this.encrypt = encrypt;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCommand(KeeperCommand command, Map<String, Object> properties) {
        commands.add(command, properties);
    }

    void removeCommand(KeeperCommand command) {
        commands.remove(command);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addAuthenticator(Authenticator authenticator, Map<String, Object> properties) {
        authentication.add(authenticator, properties);
    }

    void removeAuthenticator(Authenticator authenticator) {
        authentication.remove(authenticator);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindEventAdmin(EventAdmin admin) {
        events.bind(admin);
    }

    void unbindEventAdmin(EventAdmin admin) {
        events.unbind(admin);
    }

    @Deactivate
    void deactivate() {
        refusals.flush();
    }

    @Override
    public Reply dispatch(Envelope envelope, Caller caller) {
        try {
            return route(envelope, caller);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "request from " + caller.remote() + " failed unexpectedly", e);
            events.answered(RequestEvents.UNKNOWN, RequestEvents.ERROR, caller);
            return Reply.error("internal error: " + e);
        }
    }

    private Reply route(Envelope envelope, Caller caller) {
        Request request;
        try {
            request = CommandLine.parse(envelope.line());
        } catch (IllegalArgumentException e) {
            events.answered(RequestEvents.INVALID, RequestEvents.ERROR, caller);
            return Reply.error(e.getMessage());
        }
        Optional<CommandRegistry.Entry> command = commands.find(request.command());
        String word = command.isPresent() ? request.command() : RequestEvents.UNKNOWN;
        if (!caller.trusted() && encrypt.required()) {
            Optional<String> refusal = authentication.refusal(envelope);
            if (refusal.isPresent()) {
                refusals.refused(RefusalLog.address(caller.remote()), refusal.get(), "refused '"
                        + Printable.line(envelope.line(), Printable.LOG_LENGTH) + "' from " + caller.remote()
                        + " over " + caller.transport() + ": " + refusal.get());
                events.answered(word, RequestEvents.REFUSED, caller);
                return Reply.error("authentication failed");
            }
        }
        Reply reply;
        if (command.isEmpty()) {
            reply = Reply.error("unknown command '" + request.command() + "'; available: "
                    + String.join(", ", commands.commands().keySet()));
        } else {
            reply = targetProblem(request, command.get().command().target())
                    .or(() -> optionProblem(request, command.get().options()))
                    .map(Reply::error)
                    .orElseGet(() -> execute(command.get().command(), request, caller));
        }
        events.answered(word, reply.ok() ? RequestEvents.OK : RequestEvents.ERROR, caller);
        return reply;
    }

    private static Optional<String> optionProblem(Request request, List<String> known) {
        return request.options().stream()
                .filter(option -> !known.contains(option.split("=", 2)[0]))
                .findFirst()
                .map(option -> "usage: " + request.command() + (known.isEmpty() ? " takes no options, got '" + option + "'"
                        : " has no option '" + option + "'; it takes " + String.join(", ", known)));
    }

    private static Optional<String> targetProblem(Request request, KeeperCommand.Target target) {
        if (target == KeeperCommand.Target.REQUIRED && !request.hasTarget()) {
            return Optional.of("usage: " + request.command() + " <child>");
        }
        if (target == KeeperCommand.Target.NONE && request.hasTarget()) {
            return Optional.of("usage: " + request.command() + " ('" + request.command() + "' takes no child name)");
        }
        return Optional.empty();
    }

    private static Reply execute(KeeperCommand command, Request request, Caller caller) {
        try {
            Reply reply = command.execute(request, caller);
            return reply != null ? reply : Reply.error("'" + request + "' gave no answer");
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "command '" + Printable.line(request.toString(), Printable.LOG_LENGTH) + "' from "
                    + caller.remote() + " failed", e);
            return Reply.error("'" + request + "' failed: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
        }
    }
}
