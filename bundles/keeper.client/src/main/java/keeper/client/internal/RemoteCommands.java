package keeper.client.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import keeper.api.spi.auth.RequestSigner;
import keeper.api.spi.transport.Connector;
import keeper.client.ClientGrammar;
import keeper.client.ClientOutput;
import keeper.client.ClientRequest;
import keeper.client.GroupDirectory;
import keeper.client.GroupResolver;
import keeper.client.HostReply;
import keeper.client.RemoteClient;
import keeper.client.UsageException;

/**
 * {@code keeper:remote restart web on hostA on ssh://ops@db with ~/.keeper/ops.pem} in the runtime's
 * Gogo shell: the same grammar and output as {@code bin/keeper}, over the Connectors and the
 * RequestSigner registered in the framework right now. Like the other keeper: commands, a failure is
 * thrown so the shell shows it as an error.
 */
@Component(service = RemoteCommands.class, configurationPid = "keeper.client.remote", property = {
        "osgi.command.scope=keeper",
        "osgi.command.function=remote" })
public final class RemoteCommands {

    /** Configuration of {@code keeper.client.remote}. */
    @interface Config {
        /** How long each host has to connect and answer. */
        long timeout_seconds() default 10;

        /** The ZooKeeper ensemble of {@code on group:NAME}, e.g. {@code zk1:2181,zk2:2181}. */
        String zookeeper() default "";
    }

    private final Map<String, Connector> connectors = new ConcurrentHashMap<>();
    private final Duration timeout;
    private final Optional<String> registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RequestSigner signer;

    /** From the fleet feature's bundle, when installed. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile GroupDirectory groups;

    @Activate
    public RemoteCommands(Config config) {
        this.timeout = Duration.ofSeconds(Math.max(1, config.timeout_seconds()));
        this.registry = Optional.of(config.zookeeper());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addConnector(Connector connector, Map<String, Object> properties) {
        connectors.put(scheme(connector, properties), connector);
    }

    void removeConnector(Connector connector, Map<String, Object> properties) {
        connectors.remove(scheme(connector, properties), connector);
    }

    /** Gogo's entry: every word after {@code keeper:remote}. */
    public String remote(String... words) {
        ClientRequest request;
        try {
            request = ClientGrammar.forCurrentUser().parse(List.of(words));
        } catch (UsageException e) {
            throw new IllegalArgumentException(e.getMessage() + "\nusage: keeper:remote <command> [child|all] [--json] [on HOST]... [with /path/to/key.pem]");
        }
        if (request.follows()) {
            // a Gogo command answers once; following needs a terminal that prints as lines come
            throw new IllegalArgumentException("keeper:remote cannot follow a log: use bin/keeper logs NAME -f");
        }
        List<HostReply> replies;
        boolean fleet = GroupResolver.namesGroups(request);
        try {
            request = new GroupResolver(() -> Optional.ofNullable(groups), registry, timeout).resolve(request);
            // a long start or stop renews the timeout with each progress line; the shell shows only the reply
            replies = new RemoteClient(this::connector, Optional.ofNullable(signer), timeout)
                    .runWithProgress(request, (host, line) -> { });
        } catch (UsageException e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage());
        }
        String text = ClientOutput.render(replies, request.wantsJson(), fleet);
        return switch (ClientOutput.exitCode(replies)) {
            case ClientOutput.OK -> text;
            case ClientOutput.USAGE -> throw new IllegalArgumentException(text);
            default -> throw new IllegalStateException(text);
        };
    }

    private Optional<Connector> connector(String scheme) {
        return Optional.ofNullable(connectors.get(scheme));
    }

    /** The {@value Connector#SCHEME} property, or what the connector says when the property is missing. */
    private static String scheme(Connector connector, Map<String, Object> properties) {
        Object scheme = properties.get(Connector.SCHEME);
        return scheme instanceof String name ? name : connector.scheme();
    }
}
