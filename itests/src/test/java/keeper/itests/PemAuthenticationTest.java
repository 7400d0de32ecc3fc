package keeper.itests;

import static keeper.itests.ProcessControlTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import keeper.itests.harness.Cli;
import keeper.itests.harness.CliResult;
import keeper.itests.harness.HandSigner;
import keeper.itests.harness.OpenSsl;
import keeper.itests.harness.RawClient;
import keeper.itests.harness.ServerDir;
import keeper.itests.harness.ServerProcess;

/**
 * Issue 6: {@code encrypt: on} with keys made by the real openssl CLI; forged, stale, replayed and
 * hostile requests built by hand.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PemAuthenticationTest {

    private static final String SERVER_YAML = "encrypt: on\nlistener_addr: 127.0.0.1\npub_keys_path:\n  - keys\n";
    private static final String REFUSED = "KEEPER/2 ERR\nauthentication failed";

    @TempDir
    static Path temp;

    private Path privateKeys;
    private Path publicKeys;
    private ServerDir dir;
    private ServerProcess server;

    @BeforeAll
    void startSignedServer() throws Exception {
        privateKeys = Files.createDirectories(temp.resolve("private"));
        publicKeys = Files.createDirectories(temp.resolve("server/keys"));
        dir = ServerDir.create(temp.resolve("server"), SERVER_YAML);
        for (Path key : List.of(OpenSsl.rsa(privateKeys, "rsa2048", 2048, false), OpenSsl.rsa(privateKeys, "rsa4096", 4096, false),
                OpenSsl.rsa(privateKeys, "pkcs1", 2048, true), OpenSsl.ed25519(privateKeys, "ed"))) {
            OpenSsl.publicKey(key, publicKeys);
        }
        server = dir.start();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @Test
    void signedCommandsSucceedWithEveryKeyKind() throws Exception {
        assertTrue(Files.readString(privateKeys.resolve("pkcs1.pem")).contains("BEGIN RSA PRIVATE KEY"));
        assertTrue(Files.readString(privateKeys.resolve("rsa2048.pem")).contains("BEGIN PRIVATE KEY"));
        for (String key : List.of("rsa2048", "rsa4096", "pkcs1", "ed")) {
            ok(server.keeper("status", "with", privateKeys.resolve(key + ".pem").toString()));
        }
    }

    @Test
    void unsignedAndWrongKeyRequestsAreRefusedGenerically() throws Exception {
        CliResult unsigned = server.keeper("status");
        assertEquals(1, unsigned.exitCode(), unsigned.toString());
        assertTrue(unsigned.text().contains("authentication failed"), unsigned.toString());

        Path stranger = OpenSsl.rsa(Files.createDirectories(temp.resolve("stranger")), "rsa2048", 2048, false);
        CliResult wrong = server.keeper("status", "with", stranger.toString());
        assertEquals(1, wrong.exitCode(), wrong.toString());
        assertTrue(wrong.text().contains("authentication failed"), wrong.toString());
        assertTrue(server.output().contains("rsa2048"), "the server log says why:\n" + server.output());
    }

    /** Issue 20, item 2: the seed's recipe files the public half as public.pem, so "with private.pem" names no key. */
    @Test
    void aFailedSignatureGetsAClientSideHintNamingThePublicKeyFileTheServerLooksFor() throws Exception {
        Path recipe = Files.createDirectories(temp.resolve("recipe"));
        Path privatePem = OpenSsl.ed25519(recipe, "private");
        Path publicHalf = OpenSsl.publicKey(privatePem, Files.createDirectories(temp.resolve("recipe-public")));
        Files.move(publicHalf, publicKeys.resolve("public.pem"));

        CliResult signed = server.keeper("status", "with", privatePem.toString());
        assertEquals(1, signed.exitCode(), signed.toString());
        assertEquals("authentication failed\nhint: you signed as key 'private', so the server looks for a public key file"
                + " named private.pem in its pub_keys_path; see docs/security.md\n", signed.stdout(), signed.toString());

        CliResult unsigned = server.keeper("status");
        assertTrue(unsigned.stdout().contains("hint: this server takes only signed requests (encrypt: on)"), unsigned.toString());
        assertEquals(REFUSED, RawClient.exchange(dir.port(), "KEEPER/2\nline: status\n"), "the server itself says nothing more");
    }

    @Test
    void aCapturedFrameIsRefusedAfterARestartAndByASecondServerTrustingTheSameKey() throws Exception {
        String captured = HandSigner.of(privateKeys.resolve("ed.pem"), dir.serverId()).request("status", "ed");
        assertTrue(RawClient.exchange(dir.port(), captured).startsWith("KEEPER/2 OK"));
        assertEquals(REFUSED, RawClient.exchange(dir.port(), captured), "a replay is refused");

        server.close();
        server = dir.start();
        assertEquals(REFUSED, RawClient.exchange(dir.port(), captured), "a replay after a restart is refused");
        assertTrue(server.output().contains("before this server started"), server.output());

        ServerDir second = ServerDir.create(temp.resolve("second"), SERVER_YAML.replace("  - keys\n", "  - " + publicKeys + "\n"));
        try (ServerProcess other = second.start()) {
            assertEquals(REFUSED, RawClient.exchange(second.port(), captured), "another server trusting the key refuses it");
            assertTrue(other.output().contains("signed for server " + dir.serverId() + ", not for this one"), other.output());
            ok(other.keeper("status", "with", privateKeys.resolve("ed.pem").toString()));
        }
    }

    @Test
    void aVersionOneRequestIsRefusedSoThatAnOldClientSaysWhy() throws Exception {
        assertEquals("KEEPER/1 ERR\nprotocol error: unsupported protocol version 1; this server speaks 2: update the keeper client",
                RawClient.exchange(dir.port(), "KEEPER/1\nline: status\n"));
    }

    @Test
    void tamperedStaleAndReplayedRequestsAreRefused() throws Exception {
        HandSigner signer = HandSigner.of(privateKeys.resolve("rsa2048.pem"), dir.serverId());
        assertTrue(RawClient.exchange(dir.port(), signer.request("status", "rsa2048")).startsWith("KEEPER/2 OK"),
                "the hand-made signature is valid");
        assertEquals(REFUSED, RawClient.exchange(dir.port(), signer.request("stop all", "status", "rsa2048", Instant.now())));
        assertEquals(REFUSED, RawClient.exchange(dir.port(),
                signer.request("status", "status", "rsa2048", Instant.now().minus(Duration.ofMinutes(10)))));
        String once = signer.request("status", "rsa2048");
        assertTrue(RawClient.exchange(dir.port(), once).startsWith("KEEPER/2 OK"));
        assertEquals(REFUSED, RawClient.exchange(dir.port(), once), "a replay is refused");
    }

    @Test
    void encryptCannotBeTurnedOffWhileTheServerRuns() {
        try {
            dir.writeServer("encrypt: off\nlistener_addr: 127.0.0.1\npub_keys_path:\n  - keys\n");
            CliResult unsigned = server.keeper("status");
            assertEquals(1, unsigned.exitCode(), unsigned.toString());
            assertTrue(unsigned.text().contains("authentication failed"), unsigned.toString());
            server.awaitOutput("encrypt cannot change while the server runs", Duration.ofSeconds(20));
        } finally {
            dir.writeServer(SERVER_YAML);
        }
        ok(server.keeper("status", "with", privateKeys.resolve("ed.pem").toString()));
    }

    @Test
    void keysAddedAtRunTimeWorkAndRemovedOnesStop() throws Exception {
        Path fresh = OpenSsl.ed25519(privateKeys, "fresh");
        CliResult before = server.keeper("status", "with", fresh.toString());
        assertEquals(1, before.exitCode(), before.toString());
        Path pub = OpenSsl.publicKey(fresh, publicKeys);
        ok(server.keeper("status", "with", fresh.toString()));
        Files.delete(pub);
        assertEquals(1, server.keeper("status", "with", fresh.toString()).exitCode());
    }

    @Test
    void hostileKeyNamesAreRefusedWithoutLookingOutsideTheKeyDirectories() throws Exception {
        // a decoy public key next to the key directory: a server that followed '../decoy' would accept
        Path decoy = OpenSsl.ed25519(Files.createDirectories(temp.resolve("decoyPrivate")), "decoy");
        OpenSsl.publicKey(decoy, temp.resolve("server"));
        HandSigner signer = HandSigner.of(decoy, dir.serverId());
        for (String name : List.of("../decoy", "../../etc/passwd", "a/b", "", "x".repeat(10_000), "..", "a\\b")) {
            assertEquals(REFUSED, RawClient.exchange(dir.port(), signer.request("status", name)), "key name " + abbreviated(name));
        }
        assertTrue(server.alive());
    }

    @Test
    void anRsaKeyOutsideTheAcceptedSizesIsRefusedWithAClearMessage() {
        Path big = OpenSsl.rsa(privateKeys, "big", 5000, false);
        CliResult refused = Cli.keeper("status", "on", server.host(), "with", big.toString());
        assertNotEquals(0, refused.exitCode(), refused.toString());
        assertTrue(refused.stderr().contains("5000") && refused.stderr().contains(big.toString()), refused.toString());
    }

    private static String abbreviated(String name) {
        return name.length() > 20 ? name.substring(0, 20) + "..." : name;
    }
}
