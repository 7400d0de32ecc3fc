package keeper.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import keeper.api.spi.auth.RequestSigner;
import keeper.api.spi.transport.Endpoint;
import keeper.client.ClientDefaults;
import keeper.client.ClientGrammar;
import keeper.client.ClientOutput;
import keeper.client.ClientRequest;
import keeper.client.EndpointParser;
import keeper.client.FleetMember;
import keeper.client.GroupReference;
import keeper.client.GroupResolver;
import keeper.client.HostReply;
import keeper.client.RemoteClient;
import keeper.client.StreamedOutput;
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
    private final Map<String, String> env;
    private final Path home;

    /**
     * @param env  the environment, for {@code KEEPER_HOST}, {@code KEEPER_KEY}, {@code KEEPER_ZOOKEEPER} and where
     *             the client config file is (see {@link ClientDefaults})
     * @param home the user's home: {@code ~} in key paths, {@code ~/.config} for the client config file
     */
    KeeperCli(PrintStream out, PrintStream err, Optional<Path> pluginDirectory, Map<String, String> env, Path home) {
        this.out = out;
        this.err = err;
        this.pluginDirectory = pluginDirectory;
        this.env = env;
        this.home = home;
    }

    public static void main(String[] args) {
        Optional<Path> plugins = Plugins.directory(System.getenv(), System.getProperty(Plugins.DIR_PROPERTY));
        System.exit(new KeeperCli(System.out, System.err, plugins, System.getenv(), Path.of(System.getProperty("user.home")))
                .run(List.of(args)));
    }

    int run(List<String> args) {
        if (!args.isEmpty() && args.get(0).equals(ChildNames.COMMAND)) {
            return completeChildNames(args.subList(1, args.size()));
        }
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
            ClientDefaults defaults = ClientDefaults.load(env, home);
            Duration timeout = arguments.timeout()
                    .orElse(defaults.timeout() != null ? defaults.timeout() : CliArguments.DEFAULT_TIMEOUT);
            if (!arguments.words().isEmpty() && arguments.words().get(0).equals(HOSTS)) {
                return hosts(arguments.words().subList(1, arguments.words().size()), defaults, timeout);
            }
            ClientRequest request = new ClientGrammar(home).parse(arguments.words(), defaults);
            return send(request, defaults, timeout, arguments.parallel());
        } catch (UsageException e) {
            err.println("keeper: " + e.getMessage());
            return ClientOutput.USAGE;
        } catch (IOException e) {
            err.println("keeper: " + e.getMessage());
            return ClientOutput.FAILED;
        }
    }

    private int send(ClientRequest named, ClientDefaults defaults, Duration timeout, int parallel)
            throws IOException, UsageException {
        Consumer<String> warnings = warning -> err.println("keeper: warning: " + warning);
        boolean groups = GroupResolver.namesGroups(named);
        // a plain call to tcp hosts needs no plugin: the plugin directory is not even listed
        Plugins plugins = needsPlugins(named, groups)
                ? plugins(named.isSigned(), groups, warnings) : new Plugins(KeeperCli.class.getClassLoader(), warnings);
        ClientRequest request = groups ? resolver(plugins, defaults, timeout).resolve(named) : named;
        if (request.follows()) {
            return follow(client(plugins, request, timeout, parallel), request);
        }
        List<HostReply> replies = withProgress(client(plugins, request, timeout, parallel), request);
        out.println(ClientOutput.render(replies, request.wantsJson(), groups));
        return ClientOutput.exitCode(replies);
    }

    /**
     * A command that can take long reports progress: its lines go to stderr as they come (prefixed with their host
     * when there are several), and each host's timeout counts from its last line.
     */
    private List<HostReply> withProgress(RemoteClient client, ClientRequest request) throws IOException {
        if (request.withProgress() == request) {
            return client.run(request);
        }
        StreamedOutput progress = new StreamedOutput(err, request.hosts().size() > 1);
        List<HostReply> replies = client.runWithProgress(request, progress);
        progress.finish();
        return replies;
    }

    /** Whether the call needs more than the client's own tcp: a signer, a group directory or a transport. */
    private static boolean needsPlugins(ClientRequest request, boolean groups) {
        if (request.isSigned() || groups || request.follows()) {
            return true;
        }
        for (Endpoint host : request.hosts()) {
            if (!host.scheme().equals(EndpointParser.DEFAULT_SCHEME)) {
                return true;
            }
        }
        return false;
    }

    /** Prints each host's stream as it comes, until every host's ends (the server stopped) or the user interrupts. */
    private int follow(RemoteClient client, ClientRequest request) throws IOException {
        StreamedOutput streamed = new StreamedOutput(out, request.hosts().size() > 1);
        List<HostReply> replies = client.run(request, streamed);
        streamed.finish();
        List<HostReply> said = replies.stream().filter(reply -> !reply.text().isBlank()).toList();
        if (!said.isEmpty()) {
            out.println(ClientOutput.format(said));
        }
        return ClientOutput.exitCode(replies);
    }

    private static RemoteClient client(Plugins plugins, ClientRequest request, Duration timeout, int parallel) {
        Optional<RequestSigner> signer = request.isSigned() ? plugins.signer() : Optional.empty();
        return new RemoteClient(plugins::connector, signer, timeout, parallel);
    }

    /** {@code keeper hosts group:web [group:db ...]}: the live members, one line each, without asking them. */
    private int hosts(List<String> groups, ClientDefaults defaults, Duration timeout) throws IOException, UsageException {
        if (groups.isEmpty()) {
            throw new UsageException("'hosts' needs a group, e.g. keeper hosts group:web or keeper hosts zk://zk1:2181/web");
        }
        GroupResolver resolver = resolver(plugins(false, true, warning -> err.println("keeper: warning: " + warning)),
                defaults, timeout);
        Map<String, FleetMember> members = new LinkedHashMap<>();
        for (String word : groups) {
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
    private Plugins plugins(boolean signed, boolean groups, Consumer<String> warnings) throws IOException {
        List<Path> jars = new ArrayList<>();
        if (signed) {
            jars.addAll(Plugins.jars(System.getProperty(Plugins.SIGNING_PROPERTY)));
        }
        if (groups) {
            jars.addAll(Plugins.jars(System.getProperty(Plugins.FLEET_PROPERTY)));
        }
        return new Plugins(Plugins.classLoader(pluginDirectory, jars, KeeperCli.class.getClassLoader()), warnings);
    }

    private static GroupResolver resolver(Plugins plugins, ClientDefaults defaults, Duration timeout) {
        return new GroupResolver(plugins::groupDirectory, Optional.ofNullable(defaults.zookeeper()), timeout);
    }

    /** {@code keeper __complete [on HOST]... [with KEY]}: see {@link ChildNames}. Always exits 0, printing nothing on any failure. */
    private int completeChildNames(List<String> clauses) {
        List<String> words = new ArrayList<>(List.of("status", ClientRequest.JSON));
        words.addAll(clauses);
        try {
            ClientDefaults defaults = ClientDefaults.load(env, home);
            ClientRequest named = new ClientGrammar(home).parse(words, defaults);
            Plugins plugins = plugins(named.isSigned(), GroupResolver.namesGroups(named), warning -> { });
            ClientRequest request = resolver(plugins, defaults, ChildNames.TIMEOUT).resolve(named);
            ChildNames.of(client(plugins, request, ChildNames.TIMEOUT, RemoteClient.MAX_PARALLEL).run(request))
                    .forEach(out::println);
        } catch (UsageException | IOException | RuntimeException e) {
            // completion is silent: whatever went wrong, the person just gets no names offered
        }
        return ClientOutput.OK;
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
