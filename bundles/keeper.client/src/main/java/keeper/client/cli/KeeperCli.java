package keeper.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import keeper.api.spi.auth.RequestSigner;
import keeper.client.ClientGrammar;
import keeper.client.ClientOutput;
import keeper.client.ClientRequest;
import keeper.client.FleetMember;
import keeper.client.GroupReference;
import keeper.client.GroupResolver;
import keeper.client.HostReply;
import keeper.client.RemoteClient;
import keeper.client.UsageException;

/**
 * {@code bin/keeper}: the remote client as a plain JVM program (no OSGi framework). Exit codes: 0 when
 * every host answered OK, 1 when any host answered ERR or could not be reached, 2 for usage errors.
 */
public final class KeeperCli {

    /** The one command the client answers itself: which servers a group has. */
    private static final String HOSTS = "hosts";

    private final PrintStream out;
    private final PrintStream err;
    private final Optional<Path> pluginDirectory;
    private final Optional<String> registry;

    /** @param registry the ZooKeeper ensemble of {@code group:NAME}, when configured */
    KeeperCli(PrintStream out, PrintStream err, Optional<Path> pluginDirectory, Optional<String> registry) {
        this.out = out;
        this.err = err;
        this.pluginDirectory = pluginDirectory;
        this.registry = registry;
    }

    public static void main(String[] args) {
        Optional<Path> plugins = Plugins.directory(System.getenv(), System.getProperty(Plugins.DIR_PROPERTY));
        Optional<String> registry = Optional.ofNullable(System.getenv(GroupResolver.REGISTRY_VARIABLE));
        System.exit(new KeeperCli(System.out, System.err, plugins, registry).run(List.of(args)));
    }

    int run(List<String> args) {
        try {
            CliArguments arguments = CliArguments.parse(args);
            if (arguments.help()) {
                out.print(resource("help.txt"));
                return ClientOutput.OK;
            }
            if (arguments.version()) {
                out.println("keeper " + resource("version.txt").strip());
                return ClientOutput.OK;
            }
            if (!arguments.words().isEmpty() && arguments.words().get(0).equals(HOSTS)) {
                return hosts(arguments);
            }
            ClientRequest request = ClientGrammar.forCurrentUser().parse(arguments.words());
            return send(request, arguments);
        } catch (UsageException e) {
            err.println("keeper: " + e.getMessage());
            return ClientOutput.USAGE;
        } catch (IOException e) {
            err.println("keeper: " + e.getMessage());
            return ClientOutput.FAILED;
        }
    }

    private int send(ClientRequest named, CliArguments arguments) throws IOException, UsageException {
        boolean groups = GroupResolver.namesGroups(named);
        Plugins plugins = plugins(named.isSigned(), groups);
        ClientRequest request = resolver(plugins, arguments).resolve(named);
        Optional<RequestSigner> signer = request.isSigned() ? plugins.signer() : Optional.empty();
        List<HostReply> replies = new RemoteClient(plugins::connector, signer, arguments.timeout(), arguments.parallel())
                .run(request);
        out.println(ClientOutput.format(replies));
        if (groups || replies.size() > 1) {
            out.println(ClientOutput.summary(replies));
        }
        return ClientOutput.exitCode(replies);
    }

    /** {@code keeper hosts group:web [group:db ...]}: the live members, one line each, without asking them. */
    private int hosts(CliArguments arguments) throws IOException, UsageException {
        List<String> words = arguments.words().subList(1, arguments.words().size());
        if (words.isEmpty()) {
            throw new UsageException("'hosts' needs a group, e.g. keeper hosts group:web or keeper hosts zk://zk1:2181/web");
        }
        GroupResolver resolver = resolver(plugins(false, true), arguments);
        Map<String, FleetMember> members = new LinkedHashMap<>();
        for (String word : words) {
            if (!GroupReference.isGroup(word)) {
                throw new UsageException("'" + word + "' is not a group; write group:NAME or zk://HOST:PORT/NAME");
            }
            for (FleetMember member : resolver.members(GroupReference.parse(word))) {
                members.putIfAbsent(member.serverId(), member);
            }
        }
        out.println(ClientOutput.members(members.values()));
        return ClientOutput.OK;
    }

    /**
     * The plugins this call needs: the signer's jars only for a signed request, the fleet's (ZooKeeper, Curator)
     * only when a group is named, so that any other call never even opens them.
     */
    private Plugins plugins(boolean signed, boolean groups) throws IOException {
        List<Path> jars = new ArrayList<>();
        if (signed) {
            jars.addAll(Plugins.jars(System.getProperty(Plugins.SIGNING_PROPERTY)));
        }
        if (groups) {
            jars.addAll(Plugins.jars(System.getProperty(Plugins.FLEET_PROPERTY)));
        }
        return new Plugins(Plugins.classLoader(pluginDirectory, jars, KeeperCli.class.getClassLoader()),
                warning -> err.println("keeper: warning: " + warning));
    }

    private GroupResolver resolver(Plugins plugins, CliArguments arguments) {
        return new GroupResolver(plugins::groupDirectory, registry, arguments.timeout());
    }

    private static String resource(String name) {
        try (InputStream in = KeeperCli.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("keeper.client.jar is incomplete: " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
