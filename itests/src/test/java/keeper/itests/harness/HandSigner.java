package keeper.itests.harness;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Base64;

/**
 * Signs requests as docs/protocol.md specifies, with the JDK alone (not Keeper's signer), so tests
 * can send what a real client never would: tampered lines, stale timestamps, replays, hostile key names.
 */
public final class HandSigner {

    private final PrivateKey key;
    private final String alg;

    private HandSigner(PrivateKey key, String alg) {
        this.key = key;
        this.alg = alg;
    }

    /** A PKCS#8 PEM private key ({@code BEGIN PRIVATE KEY}), RSA or Ed25519. */
    public static HandSigner of(Path pkcs8Pem) throws Exception {
        String pem = Files.readString(pkcs8Pem);
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        try {
            return new HandSigner(KeyFactory.getInstance("RSA").generatePrivate(spec), "rsa-pss-sha256");
        } catch (java.security.spec.InvalidKeySpecException notRsa) {
            return new HandSigner(KeyFactory.getInstance("Ed25519").generatePrivate(spec), "ed25519");
        }
    }

    /** A whole request frame's text for {@code line}, signed over {@code signedLine} as key {@code keyName} at {@code ts}. */
    public String request(String line, String signedLine, String keyName, Instant ts) throws Exception {
        byte[] nonceBytes = new byte[16];
        new SecureRandom().nextBytes(nonceBytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(nonceBytes);
        String seconds = Long.toString(ts.getEpochSecond());
        String canonical = "keeper-request\n1\n" + signedLine + "\n" + keyName + "\n" + alg + "\n" + seconds + "\n" + nonce;
        String sig = Base64.getEncoder().encodeToString(sign(canonical.getBytes(StandardCharsets.UTF_8)));
        return "KEEPER/1\nline: " + line + "\nkey: " + keyName + "\nalg: " + alg + "\nts: " + seconds
                + "\nnonce: " + nonce + "\nsig: " + sig + "\n";
    }

    public String request(String line, String keyName) throws Exception {
        return request(line, line, keyName, Instant.now());
    }

    private byte[] sign(byte[] data) throws Exception {
        Signature signature;
        if (alg.equals("ed25519")) {
            signature = Signature.getInstance("Ed25519");
        } else {
            signature = Signature.getInstance("RSASSA-PSS");
            signature.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        }
        signature.initSign(key);
        signature.update(data);
        return signature.sign();
    }
}
