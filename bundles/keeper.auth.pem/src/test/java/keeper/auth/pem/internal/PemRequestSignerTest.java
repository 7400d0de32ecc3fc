package keeper.auth.pem.internal;

import static keeper.auth.pem.internal.CanonicalRequest.ALG;
import static keeper.auth.pem.internal.CanonicalRequest.KEY;
import static keeper.auth.pem.internal.CanonicalRequest.NONCE;
import static keeper.auth.pem.internal.CanonicalRequest.SIG;
import static keeper.auth.pem.internal.CanonicalRequest.TS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.ServiceLoader;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keeper.api.spi.auth.Envelope;
import keeper.api.spi.auth.RequestSigner;

/** The client side: keys made by the openssl CLI, signatures checked by the openssl CLI. */
class PemRequestSignerTest {

    private static final Envelope REQUEST = PemKeyAuthenticatorTest.REQUEST;

    @TempDir
    static Path keys;
    @TempDir
    Path work;

    private final PemRequestSigner signer = new PemRequestSigner();

    @BeforeAll
    static void makeKeys() throws Exception {
        OpenSsl.rsa(keys.resolve("ops.pem"), 2048);
        OpenSsl.ed25519(keys.resolve("edward.pem"));
    }

    @Test
    void rsaSignatureIsRsassaPssSha256WithSalt32AsOpensslChecksIt() throws Exception {
        Envelope signed = signer.sign(REQUEST, keys.resolve("ops.pem"));
        Path publicKey = OpenSsl.publicKey(keys.resolve("ops.pem"), work.resolve("ops.pub"));

        assertEquals(0, opensslVerifiesPss(publicKey, CanonicalRequest.bytes(signed), signed).exitCode());
        byte[] tampered = CanonicalRequest.bytes(new Envelope(2, "stop web", signed.credentials()));
        assertNotEquals(0, opensslVerifiesPss(publicKey, tampered, signed).exitCode());
    }

    @Test
    void theSignedBytesNameTheVersionAndTheServerBeforeTheLine() throws Exception {
        Envelope signed = signer.sign(REQUEST, keys.resolve("ops.pem"));
        Map<String, String> c = signed.credentials();

        assertEquals("keeper-request\n2\n" + PemKeyAuthenticatorTest.SERVER_ID + "\nrestart web\nops\nrsa-pss-sha256\n"
                + c.get(TS) + "\n" + c.get(NONCE), new String(CanonicalRequest.bytes(signed), StandardCharsets.UTF_8));
    }

    @Test
    void aRequestThatNamesNoServerIsNotSigned() {
        IOException e = assertThrows(IOException.class,
                () -> signer.sign(new Envelope(2, "check", Map.of()), keys.resolve("ops.pem")));
        assertTrue(e.getMessage().contains("'server' credential is missing"), e.getMessage());
    }

    @Test
    void ed25519SignatureVerifiesWithOpenssl() throws Exception {
        Envelope signed = signer.sign(REQUEST, keys.resolve("edward.pem"));
        Path publicKey = OpenSsl.publicKey(keys.resolve("edward.pem"), work.resolve("edward.pub"));

        assertEquals("ed25519", signed.credentials().get(ALG));
        OpenSsl.run("pkeyutl", "-verify", "-pubin", "-inkey", publicKey.toString(), "-rawin",
                "-in", write("data", CanonicalRequest.bytes(signed)).toString(),
                "-sigfile", write("sig", signature(signed)).toString());
    }

    @Test
    void credentialsNameTheKeyByFileStemAndCarryTimeAndFreshNonce() throws Exception {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        PemRequestSigner fixedTime = new PemRequestSigner(Clock.fixed(now, ZoneOffset.UTC));

        Envelope first = fixedTime.sign(REQUEST, keys.resolve("ops.pem"));
        Envelope second = fixedTime.sign(REQUEST, keys.resolve("ops.pem"));

        assertEquals("ops", first.credentials().get(KEY));
        assertEquals("rsa-pss-sha256", first.credentials().get(ALG));
        assertEquals(Long.toString(now.toEpochMilli()), first.credentials().get(TS));
        assertEquals(16, Base64.getUrlDecoder().decode(first.credentials().get(NONCE)).length);
        assertTrue(first.credentials().get(NONCE).matches("[A-Za-z0-9_-]{22}"));
        assertNotEquals(first.credentials().get(NONCE), second.credentials().get(NONCE));
        assertEquals(REQUEST.line(), first.line());
        assertEquals(REQUEST.version(), first.version());
    }

    @Test
    void encryptedKeysAreRefusedByName() throws Exception {
        Path traditional = work.resolve("locked.pem");
        OpenSsl.run("genrsa", "-traditional", "-aes256", "-passout", "pass:secret", "-out", traditional.toString(), "2048");
        Path pkcs8 = work.resolve("sealed.pem");
        OpenSsl.run("genpkey", "-algorithm", "ed25519", "-aes256", "-pass", "pass:secret", "-out", pkcs8.toString());

        for (Path key : new Path[] {traditional, pkcs8}) {
            String message = assertThrows(IOException.class, () -> signer.sign(REQUEST, key)).getMessage();
            assertTrue(message.contains("key " + key + " is encrypted; Keeper does not support encrypted keys"), message);
        }
    }

    @Test
    void rsaKeysOutside2048To4096BitsAreRefused() throws Exception {
        Path big = OpenSsl.rsa(work.resolve("big.pem"), 5000);
        Path small = OpenSsl.rsa(work.resolve("small.pem"), 1024);

        assertEquals("key " + big + " is RSA 5000 bits; Keeper accepts RSA keys of 2048 to 4096 bits",
                assertThrows(IOException.class, () -> signer.sign(REQUEST, big)).getMessage());
        assertEquals("key " + small + " is RSA 1024 bits; Keeper accepts RSA keys of 2048 to 4096 bits",
                assertThrows(IOException.class, () -> signer.sign(REQUEST, small)).getMessage());
    }

    @Test
    void otherKeyKindsAreRefusedByName() throws Exception {
        Path ec = work.resolve("curve.pem");
        OpenSsl.run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", ec.toString());

        String message = assertThrows(IOException.class, () -> signer.sign(REQUEST, ec)).getMessage();
        assertTrue(message.startsWith("key " + ec + " is "), message);
        assertTrue(message.contains("Keeper accepts RSA keys of 2048 to 4096 bits and Ed25519 keys"), message);
    }

    @Test
    void aPublicKeyMissingFileOrNonPemFileIsRefusedByName() throws Exception {
        Path publicKey = OpenSsl.publicKey(keys.resolve("ops.pem"), work.resolve("ops-public.pem"));
        Path missing = work.resolve("missing.pem");
        Path text = Files.writeString(work.resolve("notes.pem"), "hello\n");

        assertEquals("key " + publicKey + " is a public key; signing needs the private key",
                assertThrows(IOException.class, () -> signer.sign(REQUEST, publicKey)).getMessage());
        assertEquals("key " + missing + " does not exist",
                assertThrows(IOException.class, () -> signer.sign(REQUEST, missing)).getMessage());
        assertTrue(assertThrows(IOException.class, () -> signer.sign(REQUEST, text)).getMessage()
                .startsWith("key " + text + " holds no PEM block"));
    }

    @Test
    void aFileNameThatIsNoKeyNameIsRefused() throws Exception {
        Path badName = Files.copy(keys.resolve("ops.pem"), work.resolve("ops key.pem"));

        String message = assertThrows(IOException.class, () -> signer.sign(REQUEST, badName)).getMessage();
        assertTrue(message.startsWith("key " + badName + " cannot be used: its file name gives the key name"), message);
    }

    @Test
    void theCliFindsTheSignerWithServiceLoader() {
        assertTrue(ServiceLoader.load(RequestSigner.class).stream()
                .anyMatch(provider -> provider.type() == PemRequestSigner.class));
    }

    private OpenSsl.Result opensslVerifiesPss(Path publicKey, byte[] data, Envelope signed) throws Exception {
        return OpenSsl.exec("dgst", "-sha256", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32",
                "-sigopt", "rsa_mgf1_md:sha256", "-verify", publicKey.toString(),
                "-signature", write("sig", signature(signed)).toString(), write("data", data).toString());
    }

    private static byte[] signature(Envelope signed) {
        return Base64.getDecoder().decode(signed.credentials().get(SIG));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(work, name, ".bin"), bytes);
    }
}
