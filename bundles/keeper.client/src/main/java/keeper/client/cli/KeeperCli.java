package keeper.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import keeper.api.spi.auth.RequestSigner;
import keeper.client.ClientDefaults;
import keeper.client.ClientGrammar;
import keeper.client.ClientOutput;
import keeper.client.ClientRequest;
import keeper.client.HostReply;
import keeper.client.JsonOutput;
import keeper.client.RemoteClient;
import keeper.client.StreamedOutput;
import keeper.client.UsageException;

/**
 * {@code bin/keeper}: the remote client as a plain JVM program (no OSGi framework). Exit codes: 0 when
 * every host answered OK, 1 when any host answered ERR or could not be reached, 2 for usage errors.
 */
public final class KeeperCli {

    private final PrintStream out;
    private final PrintStream err;
    private final Optional<Path> pluginDirectory;
    private final Map<String, String> env;
    private final Path home;

    /**
     * @param env  the environment, for {@code KEEPER_HOST}, {@code KEEPER_KEY} and where the client config file is
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
            ClientRequest request = new ClientGrammar(home).parse(arguments.words(), defaults);
            Duration timeout = arguments.timeout()
                    .orElse(defaults.timeout() != null ? defaults.timeout() : CliArguments.DEFAULT_TIMEOUT);
            return send(request, timeout);
        } catch (UsageException e) {
            err.println("keeper: " + e.getMessage());
            return ClientOutput.USAGE;
        } catch (IOException e) {
            err.println("keeper: " + e.getMessage());
            return ClientOutput.FAILED;
        }
    }

    private int send(ClientRequest request, Duration timeout) throws IOException {
        if (request.follows()) {
            return follow(client(request, timeout, warning -> err.println("keeper: warning: " + warning)), request);
        }
        List<HostReply> replies = ask(request, timeout, warning -> err.println("keeper: warning: " + warning));
        out.println(request.wantsJson() ? JsonOutput.format(replies) : ClientOutput.format(replies));
        return ClientOutput.exitCode(replies);
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

    private List<HostReply> ask(ClientRequest request, Duration timeout, Consumer<String> warnings) throws IOException {
        return client(request, timeout, warnings).run(request);
    }

    private RemoteClient client(ClientRequest request, Duration timeout, Consumer<String> warnings) throws IOException {
        // Only a signed request loads the signer, so an unsigned one never even opens BouncyCastle's jars.
        List<Path> signing = request.isSigned() ? Plugins.signingJars(System.getProperty(Plugins.SIGNING_PROPERTY)) : List.of();
        Plugins plugins = new Plugins(Plugins.classLoader(pluginDirectory, signing, KeeperCli.class.getClassLoader()), warnings);
        Optional<RequestSigner> signer = request.isSigned() ? plugins.signer() : Optional.empty();
        return new RemoteClient(plugins::connector, signer, timeout);
    }

    /** {@code keeper __complete [on HOST]... [with KEY]}: see {@link ChildNames}. Always exits 0, printing nothing on any failure. */
    private int completeChildNames(List<String> clauses) {
        List<String> words = new ArrayList<>(List.of("status", ClientRequest.JSON));
        words.addAll(clauses);
        try {
            ClientRequest request = new ClientGrammar(home).parse(words, ClientDefaults.load(env, home));
            ChildNames.of(ask(request, ChildNames.TIMEOUT, warning -> { })).forEach(out::println);
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
