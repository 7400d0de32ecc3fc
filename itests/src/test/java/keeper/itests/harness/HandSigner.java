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
    private final String serverId;

    private HandSigner(PrivateKey key, String alg, String serverId) {
        this.key = key;
        this.alg = alg;
        this.serverId = serverId;
    }

    /** Signs for the server {@code serverId} with a PKCS#8 PEM private key ({@code BEGIN PRIVATE KEY}), RSA or Ed25519. */
    public static HandSigner of(Path pkcs8Pem, String serverId) throws Exception {
        String pem = Files.readString(pkcs8Pem);
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        try {
            return new HandSigner(KeyFactory.getInstance("RSA").generatePrivate(spec), "rsa-pss-sha256", serverId);
        } catch (java.security.spec.InvalidKeySpecException notRsa) {
            return new HandSigner(KeyFactory.getInstance("Ed25519").generatePrivate(spec), "ed25519", serverId);
        }
    }

    /** A whole request frame's text for {@code line}, signed over {@code signedLine} as key {@code keyName} at {@code ts}. */
    public String request(String line, String signedLine, String keyName, Instant ts) throws Exception {
        byte[] nonceBytes = new byte[16];
        new SecureRandom().nextBytes(nonceBytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(nonceBytes);
        String millis = Long.toString(ts.toEpochMilli());
        String canonical = "keeper-request\n2\n" + serverId + "\n" + signedLine + "\n" + keyName + "\n" + alg + "\n"
                + millis + "\n" + nonce;
        String sig = Base64.getEncoder().encodeToString(sign(canonical.getBytes(StandardCharsets.UTF_8)));
        return "KEEPER/2\nline: " + line + "\nserver: " + serverId + "\nkey: " + keyName + "\nalg: " + alg
                + "\nts: " + millis + "\nnonce: " + nonce + "\nsig: " + sig + "\n";
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
