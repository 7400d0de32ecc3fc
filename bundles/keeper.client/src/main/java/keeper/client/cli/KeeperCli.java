package keeper.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import keeper.api.spi.auth.RequestSigner;
import keeper.client.ClientDefaults;
import keeper.client.ClientGrammar;
import keeper.client.ClientOutput;
import keeper.client.ClientRequest;
import keeper.client.HostReply;
import keeper.client.JsonOutput;
import keeper.client.RemoteClient;
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
        // Only a signed request loads the signer, so an unsigned one never even opens BouncyCastle's jars.
        List<Path> signing = request.isSigned() ? Plugins.signingJars(System.getProperty(Plugins.SIGNING_PROPERTY)) : List.of();
        Plugins plugins = new Plugins(Plugins.classLoader(pluginDirectory, signing, KeeperCli.class.getClassLoader()),
                warning -> err.println("keeper: warning: " + warning));
        Optional<RequestSigner> signer = request.isSigned() ? plugins.signer() : Optional.empty();
        List<HostReply> replies = new RemoteClient(plugins::connector, signer, timeout).run(request);
        out.println(request.wantsJson() ? JsonOutput.format(replies) : ClientOutput.format(replies));
        return ClientOutput.exitCode(replies);
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
