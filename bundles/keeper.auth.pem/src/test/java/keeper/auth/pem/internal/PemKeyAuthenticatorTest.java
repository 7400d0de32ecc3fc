package keeper.auth.pem.internal;

import static keeper.auth.pem.internal.CanonicalRequest.ALG;
import static keeper.auth.pem.internal.CanonicalRequest.KEY;
import static keeper.auth.pem.internal.CanonicalRequest.NONCE;
import static keeper.auth.pem.internal.CanonicalRequest.SIG;
import static keeper.auth.pem.internal.CanonicalRequest.TS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.api.spi.auth.AuthResult.Verdict;
import keeper.api.spi.auth.AuthResult;
import keeper.api.spi.auth.Envelope;
import keeper.protocol.WireFormat;

/** The server side, end to end: openssl-made keys, the real signer, public keys in real directories. */
class PemKeyAuthenticatorTest {

    static final String SERVER_ID = "0b7e2c9a-4f1d-4c55-9a51-3f0d2e8c7a11";
    private static final String OTHER_SERVER_ID = "9d3f1a22-7c6b-4e0f-8a2d-5b1c9e4f0a77";
    /** What the client signs: the server's id, as its hello told, is in the credentials from the start. */
    static final Envelope REQUEST = new Envelope(WireFormat.VERSION, "restart web", Map.of(CanonicalRequest.SERVER, SERVER_ID));
    /** The authenticators of most tests started long before their requests were signed. */
    private static final long LONG_AGO = Clock.systemUTC().millis() - Duration.ofHours(1).toMillis();

    /** Private keys, and their public halves under {@code public/}. */
    @TempDir
    static Path keys;
    @TempDir
    Path root;

    private final PemRequestSigner signer = new PemRequestSigner();

    @BeforeAll
    static void makeKeys() throws Exception {
        Files.createDirectory(keys.resolve("public"));
        OpenSsl.rsa(keys.resolve("alice.pem"), 2048);
        OpenSsl.rsa(keys.resolve("wide.pem"), 4096);
        OpenSsl.rsaTraditional(keys.resolve("legacy.pem"), 2048);
        OpenSsl.ed25519(keys.resolve("edward.pem"));
        OpenSsl.rsa(keys.resolve("mallory.pem"), 2048);
        OpenSsl.rsa(keys.resolve("small.pem"), 1024);
        for (String name : new String[] {"alice", "wide", "legacy", "edward", "mallory", "small"}) {
            OpenSsl.publicKey(keys.resolve(name + ".pem"), keys.resolve("public").resolve(name + ".pem"));
        }
    }

    @Test
    void acceptsRsa2048Rsa4096Pkcs1AndEd25519Keys() throws Exception {
        Path pub = publish(dir("pub"), "alice", "wide", "legacy", "edward");
        PemKeyAuthenticator authenticator = authenticator(pub);

        for (String name : new String[] {"alice", "wide", "legacy", "edward"}) {
            AuthResult result = authenticator.authenticate(sign(name));
            assertEquals(AuthResult.accepted(name), result, name);
        }
    }

    @Test
    void acceptsAPkcs1RsaPublicKey() throws Exception {
        Path pub = dir("pub");
        OpenSsl.run("rsa", "-in", keys.resolve("alice.pem").toString(), "-RSAPublicKey_out",
                "-out", pub.resolve("alice.pem").toString());
        assertTrue(Files.readString(pub.resolve("alice.pem")).startsWith("-----BEGIN RSA PUBLIC KEY-----"));

        assertEquals(Verdict.ACCEPTED, authenticator(pub).authenticate(sign("alice")).verdict());
    }

    @Test
    void abstainsFromUnsignedAndOtherSchemesRequests() throws Exception {
        PemKeyAuthenticator authenticator = authenticator(publish(dir("pub"), "alice"));

        assertEquals(Verdict.ABSTAINED, authenticator.authenticate(REQUEST).verdict());
        assertEquals(Verdict.ABSTAINED, authenticator.authenticate(new Envelope(1, "status", Map.of("token", "abc"))).verdict());
    }

    @Test
    void rejectsASignatureMadeWithAnotherKey() throws Exception {
        Path pub = dir("pub");
        Files.copy(keys.resolve("public/mallory.pem"), pub.resolve("alice.pem"));

        assertRejected(authenticator(pub).authenticate(sign("alice")), "signature does not verify with key " + pub.resolve("alice.pem"));
    }

    @Test
    void rejectsATamperedLineAndDoesNotBurnTheNonceOfTheGenuineRequest() throws Exception {
        PemKeyAuthenticator authenticator = authenticator(publish(dir("pub"), "alice"));
        Envelope genuine = sign("alice");

        assertRejected(authenticator.authenticate(new Envelope(WireFormat.VERSION, "stop web", genuine.credentials())),
                "signature does not verify");
        assertEquals(Verdict.ACCEPTED, authenticator.authenticate(genuine).verdict());
    }

    @Test
    void rejectsStaleAndFutureTimestamps() throws Exception {
        PemKeyAuthenticator authenticator = authenticator(publish(dir("pub"), "alice"));
        Clock now = Clock.systemUTC();

        Envelope old = new PemRequestSigner(Clock.offset(now, Duration.ofSeconds(-120))).sign(REQUEST, keys.resolve("alice.pem"));
        Envelope future = new PemRequestSigner(Clock.offset(now, Duration.ofSeconds(120))).sign(REQUEST, keys.resolve("alice.pem"));
        Envelope withinSkew = new PemRequestSigner(Clock.offset(now, Duration.ofSeconds(-30))).sign(REQUEST, keys.resolve("alice.pem"));

        assertRejected(authenticator.authenticate(old), "stale request");
        assertRejected(authenticator.authenticate(future), "stale request");
        assertEquals(Verdict.ACCEPTED, authenticator.authenticate(withinSkew).verdict());
    }

    @Test
    void rejectsAReplayedRequest() throws Exception {
        PemKeyAuthenticator authenticator = authenticator(publish(dir("pub"), "alice"));
        Envelope signed = sign("alice");

        assertEquals(Verdict.ACCEPTED, authenticator.authenticate(signed).verdict());
        assertRejected(authenticator.authenticate(signed), "replayed request");
        assertEquals(Verdict.ACCEPTED, authenticator.authenticate(sign("alice")).verdict());
    }

    @Test
    void aCapturedRequestIsRefusedAfterARestart() throws Exception {
        Path pub = publish(dir("pub"), "alice");
        Envelope captured = WireFormat.decodeRequest(WireFormat.encodeRequest(sign("alice")));
        PemKeyAuthenticator before = authenticator(pub);
        assertEquals(Verdict.ACCEPTED, before.authenticate(captured).verdict());
        assertRejected(before.authenticate(captured), "replayed request");

        PemKeyAuthenticator afterRestart = new PemKeyAuthenticator(new FixedConfig(pub), SERVER_ID, Duration.ofSeconds(60),
                1000, Clock.systemUTC(), Clock.systemUTC().millis());

        assertRejected(afterRestart.authenticate(captured), "before this server started");
        assertEquals(Verdict.ACCEPTED, afterRestart.authenticate(sign("alice")).verdict(), "a fresh signature works");
    }

    @Test
    void aRequestSignedForOneServerIsRefusedByAnotherTrustingTheSameKey() throws Exception {
        Path pub = publish(dir("pub"), "alice");
        PemKeyAuthenticator serverA = authenticator(pub);
        PemKeyAuthenticator serverB = new PemKeyAuthenticator(new FixedConfig(pub), OTHER_SERVER_ID, Duration.ofSeconds(60),
                1000, Clock.systemUTC(), LONG_AGO);
        Envelope forA = WireFormat.decodeRequest(WireFormat.encodeRequest(sign("alice")));

        assertRejected(serverB.authenticate(forA), "signed for server " + SERVER_ID + ", not for this one");
        assertRejected(serverB.authenticate(with(forA, CanonicalRequest.SERVER, OTHER_SERVER_ID)), "signature does not verify");
        assertEquals(Verdict.ACCEPTED, serverA.authenticate(forA).verdict());
    }

    @Test
    void aServerWithoutIdAcceptsNoSignature() throws Exception {
        PemKeyAuthenticator anonymous = new PemKeyAuthenticator(new FixedConfig(publish(dir("pub"), "alice")), null,
                Duration.ofSeconds(60), 1000, Clock.systemUTC(), LONG_AGO);

        assertRejected(anonymous.authenticate(sign("alice")), "this server has no id");
    }

    @Test
    void aKeyAddedAtRunTimeWorksAtOnceAndARemovedKeyIsRefusedAtOnce() throws Exception {
        Path pub = dir("pub");
        PemKeyAuthenticator authenticator = authenticator(pub);

        assertRejected(authenticator.authenticate(sign("alice")), "unknown key 'alice'");
        publish(pub, "alice");
        assertEquals(Verdict.ACCEPTED, authenticator.authenticate(sign("alice")).verdict());
        Files.delete(pub.resolve("alice.pem"));
        assertRejected(authenticator.authenticate(sign("alice")), "unknown key 'alice'");
    }

    @Test
    void aReplacedKeyFileIsReadAgain() throws Exception {
        Path pub = publish(dir("pub"), "alice");
        PemKeyAuthenticator authenticator = authenticator(pub);
        assertEquals(Verdict.ACCEPTED, authenticator.authenticate(sign("alice")).verdict());

        Files.copy(keys.resolve("public/edward.pem"), pub.resolve("alice.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertRejected(authenticator.authenticate(sign("alice")), "does not match key");
    }

    @Test
    void hostileKeyNamesAreRejectedBeforeAnyFileIsRead() throws Exception {
        // Every decoy holds alice's public key where a careless lookup of the hostile name would land.
        Path pub = dir("a/b/pub");
        decoy(root.resolve("a/etc/passwd.pem"));
        decoy(root.resolve("a/b/decoy.pem"));
        decoy(pub.resolve("a/b.pem"));
        decoy(pub.resolve(".pem"));
        decoy(pub.resolve("..pem"));
        PemKeyAuthenticator authenticator = authenticator(pub);

        for (String name : new String[] {"../../etc/passwd", "../decoy", "a/b", "a\\b", "", ".", "..", "-x", "alice\0",
                "k".repeat(10_000), "k".repeat(65)}) {
            AuthResult result = authenticator.authenticate(forge("alice", Map.of(KEY, name)));
            assertRejected(result, KeyNames.RULE);
        }
        assertEquals(Verdict.ACCEPTED, authenticator(root.resolve("a/b")).authenticate(forge("alice", Map.of(KEY, "decoy"))).verdict(),
                "the decoys must be keys that would verify");
    }

    @Test
    void aNameInTwoDirectoriesIsAmbiguousButOneDirectoryListedTwiceIsNot() throws Exception {
        Path first = publish(dir("first"), "alice");
        Path second = publish(dir("second"), "alice");

        assertRejected(authenticator(first, second).authenticate(sign("alice")), "key 'alice' is ambiguous");
        assertEquals(Verdict.ACCEPTED, authenticator(first, first.resolve("../first")).authenticate(sign("alice")).verdict());
    }

    @Test
    void aKeyIsFoundInAnyOfTheDirectories() throws Exception {
        Path second = publish(dir("second"), "alice");

        assertEquals(Verdict.ACCEPTED, authenticator(dir("first"), second).authenticate(sign("alice")).verdict());
    }

    @Test
    void aSymbolicLinkInPubKeysPathIsRefused() throws Exception {
        Path pub = dir("pub");
        Files.createSymbolicLink(pub.resolve("alice.pem"), keys.resolve("public/alice.pem"));

        assertRejected(authenticator(pub).authenticate(sign("alice")), "is a symbolic link");
    }

    @Test
    void unusablePublicKeysAreRejectedNamingTheFile() throws Exception {
        // small.pem is a 1024-bit key: the size rule holds on the server as on the client.
        Path pub = publish(dir("pub"), "small");
        Files.copy(keys.resolve("mallory.pem"), pub.resolve("mallory.pem"));
        Files.writeString(pub.resolve("edward.pem"), "not a key\n");
        PemKeyAuthenticator authenticator = authenticator(pub);

        assertRejected(authenticator.authenticate(forge("alice", Map.of(KEY, "small"))),
                "key " + pub.resolve("small.pem") + " is RSA 1024 bits; Keeper accepts RSA keys of 2048 to 4096 bits");
        assertRejected(authenticator.authenticate(sign("mallory")), "a private key must never be in pub_keys_path");
        assertRejected(authenticator.authenticate(sign("edward")), "key " + pub.resolve("edward.pem") + " holds no PEM block");
    }

    @Test
    void anAlgorithmThatDoesNotMatchTheKeyIsRejected() throws Exception {
        PemKeyAuthenticator authenticator = authenticator(publish(dir("pub"), "alice"));

        assertRejected(authenticator.authenticate(forge("alice", Map.of(ALG, "ed25519"))),
                "alg ed25519 does not match key");
    }

    @Test
    void malformedCredentialsAreRejected() throws Exception {
        PemKeyAuthenticator authenticator = authenticator(publish(dir("pub"), "alice"));
        Envelope signed = sign("alice");

        assertRejected(authenticator.authenticate(without(signed, TS)), "credential 'ts' is missing");
        assertRejected(authenticator.authenticate(without(signed, NONCE)), "credential 'nonce' is missing");
        assertRejected(authenticator.authenticate(without(signed, ALG)), "credential 'alg' is missing");
        assertRejected(authenticator.authenticate(forge("alice", Map.of(ALG, "md5"))), "alg 'md5' is not known");
        assertRejected(authenticator.authenticate(forge("alice", Map.of(TS, "-5"))), "is not epoch milliseconds");
        assertRejected(authenticator.authenticate(forge("alice", Map.of(NONCE, "short"))), "nonce 'short' is not 16 bytes");
        assertRejected(authenticator.authenticate(with(signed, SIG, "***")), "sig is not base64");
        assertRejected(authenticator.authenticate(with(signed, SIG, "AAAA")), "signature does not verify");
    }

    @Test
    void noPubKeysPathRejectsEveryKey() throws Exception {
        assertRejected(authenticator().authenticate(sign("alice")), "server.yml has no pub_keys_path");
    }

    private static void assertRejected(AuthResult result, String reasonPart) {
        assertEquals(Verdict.REJECTED, result.verdict(), result.toString());
        assertTrue(result.reason().contains(reasonPart), "reason '" + result.reason() + "' should contain '" + reasonPart + "'");
    }

    private static PemKeyAuthenticator authenticator(Path... pubKeysPaths) {
        return new PemKeyAuthenticator(new FixedConfig(pubKeysPaths), SERVER_ID, Duration.ofSeconds(60), 1000,
                Clock.systemUTC(), LONG_AGO);
    }

    private Envelope sign(String keyName) throws Exception {
        return signer.sign(REQUEST, keys.resolve(keyName + ".pem"));
    }

    /** A request signed with {@code keyName}'s private key whose credentials say what the test wants. */
    private Envelope forge(String keyName, Map<String, String> credentials) throws Exception {
        Map<String, String> forged = new HashMap<>(sign(keyName).credentials());
        forged.putAll(credentials);
        forged.remove(SIG);
        Envelope unsigned = new Envelope(REQUEST.version(), REQUEST.line(), forged);
        ParsedKey<PrivateKey> key = PemFiles.readPrivateKey(keys.resolve(keyName + ".pem"));
        byte[] signature = key.algorithm().sign(key.key(), CanonicalRequest.bytes(unsigned));
        return with(unsigned, SIG, Base64.getEncoder().encodeToString(signature));
    }

    private static Envelope with(Envelope envelope, String name, String value) {
        Map<String, String> credentials = new HashMap<>(envelope.credentials());
        credentials.put(name, value);
        return new Envelope(envelope.version(), envelope.line(), credentials);
    }

    private static Envelope without(Envelope envelope, String name) {
        Map<String, String> credentials = new HashMap<>(envelope.credentials());
        credentials.remove(name);
        return new Envelope(envelope.version(), envelope.line(), credentials);
    }

    private Path dir(String relative) throws Exception {
        return Files.createDirectories(root.resolve(relative));
    }

    private static Path publish(Path dir, String... names) throws Exception {
        for (String name : names) {
            Files.copy(keys.resolve("public").resolve(name + ".pem"), dir.resolve(name + ".pem"));
        }
        return dir;
    }

    private static void decoy(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.copy(keys.resolve("public/alice.pem"), file);
    }
}
