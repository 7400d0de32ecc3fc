package keeper.auth.pem.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.util.ServiceLoader;

import keeper.api.spi.auth.Envelope;
import keeper.api.spi.auth.RequestSigner;

/**
 * Run in a fresh JVM by {@link LazyBouncyCastleTest}: does what a server does with an unsigned request
 * and what the CLI does when it loads the signer, then signs only when given a key file.
 */
public final class ClassLoadingProbe {

    private ClassLoadingProbe() {
    }

    public static void main(String[] args) throws Exception {
        Envelope unsigned = new Envelope(2, "status", java.util.Map.of("server", PemKeyAuthenticatorTest.SERVER_ID));
        PemKeyAuthenticator authenticator = new PemKeyAuthenticator(new FixedConfig(), PemKeyAuthenticatorTest.SERVER_ID,
                Duration.ofSeconds(60), 10, Clock.systemUTC(), 0);
        System.out.println("verdict " + authenticator.authenticate(unsigned).verdict());
        RequestSigner signer = ServiceLoader.load(RequestSigner.class).findFirst().orElseThrow();
        if (args.length > 0) {
            System.out.println("signed " + signer.sign(unsigned, Path.of(args[0])).isSigned());
        }
    }
}
