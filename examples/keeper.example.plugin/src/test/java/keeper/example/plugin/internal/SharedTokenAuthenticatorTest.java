package keeper.example.plugin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

import keeper.api.spi.auth.AuthResult.Verdict;
import keeper.api.spi.auth.AuthResult;
import keeper.api.spi.auth.Envelope;

class SharedTokenAuthenticatorTest {

    @TempDir
    Path state;

    private Path tokenFile;
    private SharedTokenAuthenticator authenticator;
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Logger log = Logger.getLogger(SharedTokenAuthenticator.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void setUp() throws IOException {
        tokenFile = Files.writeString(state.resolve("token"), "s3cret-Token\n");
        authenticator = new SharedTokenAuthenticator(contextWithState(state.toString()));
        log.addHandler(capture);
    }

    @AfterEach
    void tearDown() {
        log.removeHandler(capture);
    }

    @Test
    void acceptsTheTokenInTheStateDirectory() {
        AuthResult result = authenticator.authenticate(withToken("s3cret-Token"));

        assertEquals(AuthResult.accepted("token"), result);
    }

    @Test
    void rejectsAWrongToken() {
        assertEquals(AuthResult.rejected("wrong token"), authenticator.authenticate(withToken("s3cret-Tokem")));
        assertEquals(AuthResult.rejected("wrong token"), authenticator.authenticate(withToken("s3cret-Token-and-more")));
    }

    @Test
    void abstainsOnRequestsWithoutAToken() {
        Envelope pemSigned = new Envelope(1, "check", Map.of("key", "ops", "sig", "AAAA"));

        assertEquals(Verdict.ABSTAINED, authenticator.authenticate(pemSigned).verdict());
        assertEquals(Verdict.ABSTAINED, authenticator.authenticate(Envelope.unsigned(1, "check")).verdict());
    }

    @Test
    void seesANewTokenWithoutRestart() throws IOException {
        Files.writeString(tokenFile, "rotated");

        assertEquals(Verdict.REJECTED, authenticator.authenticate(withToken("s3cret-Token")).verdict());
        assertEquals(Verdict.ACCEPTED, authenticator.authenticate(withToken("rotated")).verdict());
    }

    @Test
    void rejectsWhenThereIsNoTokenFileAndNamesIt() throws IOException {
        Files.delete(tokenFile);

        AuthResult result = authenticator.authenticate(withToken("s3cret-Token"));

        assertEquals(Verdict.REJECTED, result.verdict());
        assertTrue(result.reason().startsWith("cannot read the token file " + tokenFile), result.reason());
    }

    @Test
    void neverAcceptsAnEmptyToken() throws IOException {
        Files.writeString(tokenFile, "\n");

        assertEquals(AuthResult.rejected("the token file " + tokenFile + " is empty"), authenticator.authenticate(withToken("")));
    }

    @Test
    void logsEachConsultationWithoutTheToken() {
        authenticator.authenticate(withToken("s3cret-Token"));
        authenticator.authenticate(Envelope.unsigned(1, "status web"));

        assertEquals(List.of("token authenticator consulted for 'check': ACCEPTED (accepted)",
                        "token authenticator consulted for 'status web': ABSTAINED (not this scheme)"),
                logged.stream().map(LogRecord::getMessage).toList());
        assertTrue(logged.stream().allMatch(r -> r.getLevel() == Level.INFO));
    }

    @Test
    void needsTheStateDirectoryProperty() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SharedTokenAuthenticator(contextWithState(null)));

        assertEquals("framework property keeper.state is not set: the token file is <keeper.state>/token", e.getMessage());
    }

    private static Envelope withToken(String token) {
        return new Envelope(1, "check", Map.of("token", token));
    }

    /** Just enough of a BundleContext: the framework property the authenticator reads. */
    private static BundleContext contextWithState(String stateDir) {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> method.getName().equals("getProperty") && "keeper.state".equals(args[0]) ? stateDir : null);
    }
}
