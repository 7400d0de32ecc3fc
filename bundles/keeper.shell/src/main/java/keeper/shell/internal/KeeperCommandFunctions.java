package keeper.shell.internal;

import java.util.HashMap;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import keeper.api.CommandDispatcher;
import keeper.api.spi.auth.Envelope;
import keeper.api.spi.command.Caller;
import keeper.api.spi.command.KeeperCommand;
import keeper.api.spi.command.Reply;
import keeper.protocol.WireFormat;

/**
 * Every {@link KeeperCommand} in the runtime's Gogo shell as {@code keeper:<word>}: one Gogo function
 * per command word, registered while at least one command service claims the word, so a command
 * bundle dropped into deploy/ is reachable from the shell as from the network, and gone when it goes.
 * Each call goes through the same dispatcher as remote requests (which picks the command by ranking
 * and checks its arguments); the shell is in-process and therefore a trusted caller.
 */
@Component(service = {})
public final class KeeperCommandFunctions {

    private static final Caller SHELL = Caller.local("gogo");

    private final BundleContext context;
    private final CommandDispatcher dispatcher;
    /** The word each bound command claims, as it was when the command came. Guarded by this. */
    private final Map<KeeperCommand, String> claims = new IdentityHashMap<>();
    /** The Gogo function of each word that at least one bound command claims. Guarded by this. */
    private final Map<String, ServiceRegistration<Function>> functions = new HashMap<>();

    @Activate
    public KeeperCommandFunctions(BundleContext context, @Reference CommandDispatcher dispatcher) {
        this.context = context;
        this.dispatcher = dispatcher;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addCommand(KeeperCommand command, Map<String, Object> properties) {
        String word = word(properties);
        if (word != null) {
            claims.put(command, word);
            functions.computeIfAbsent(word, this::register);
        }
    }

    synchronized void removeCommand(KeeperCommand command) {
        String word = claims.remove(command);
        if (word != null && !claims.containsValue(word)) {
            functions.remove(word).unregister();
        }
    }

    @Deactivate
    synchronized void deactivate() {
        functions.values().forEach(ServiceRegistration::unregister);
        functions.clear();
        claims.clear();
    }

    private ServiceRegistration<Function> register(String word) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.command.scope", "keeper");
        properties.put("osgi.command.function", word);
        return context.registerService(Function.class, (session, arguments) -> run(word, arguments), properties);
    }

    /** {@code keeper:restart web} is the request line {@code restart web}; a refusal is the shell's error. */
    private Object run(String word, List<Object> arguments) {
        String line = arguments.isEmpty() ? word
                : word + " " + arguments.stream().map(String::valueOf).collect(Collectors.joining(" "));
        Reply reply = dispatcher.dispatch(Envelope.unsigned(WireFormat.VERSION, line), SHELL);
        if (reply.feed() != null) {
            // a Gogo function answers once; following needs a terminal that prints as lines come
            reply.feed().close();
            throw new IllegalArgumentException("keeper:" + word + " cannot follow here: use bin/keeper " + word
                    + " NAME -f");
        }
        if (!reply.ok()) {
            throw new IllegalStateException(reply.text());
        }
        return reply.text();
    }

    private static String word(Map<String, Object> properties) {
        return properties.get(KeeperCommand.NAME) instanceof String word && !word.isBlank()
                ? word.strip().toLowerCase(Locale.ROOT)
                : null;
    }
}
