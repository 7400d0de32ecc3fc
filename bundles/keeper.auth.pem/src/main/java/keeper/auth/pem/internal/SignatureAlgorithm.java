package keeper.auth.pem.internal;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * The signature algorithms of the pem scheme, by their {@code alg} credential. The JDK's own providers
 * do the cryptography: BouncyCastle only parses PEM, so no provider is registered or even created.
 */
enum SignatureAlgorithm {

    /** RSASSA-PSS, SHA-256, MGF1 with SHA-256, 32-byte salt (what {@code openssl -sigopt rsa_padding_mode:pss} makes with SHA-256). */
    RSA_PSS_SHA256("rsa-pss-sha256") {
        @Override
        Signature newSignature() throws GeneralSecurityException {
            Signature signature = Signature.getInstance("RSASSA-PSS");
            signature.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            return signature;
        }
    },

    ED25519("ed25519") {
        @Override
        Signature newSignature() throws GeneralSecurityException {
            return Signature.getInstance("Ed25519");
        }
    };

    static final int MIN_RSA_BITS = 2048;
    static final int MAX_RSA_BITS = 4096;

    private final String credential;

    SignatureAlgorithm(String credential) {
        this.credential = credential;
    }

    /** The value of the {@code alg} credential. */
    String credential() {
        return credential;
    }

    abstract Signature newSignature() throws GeneralSecurityException;

    static Optional<SignatureAlgorithm> byCredential(String value) {
        return Arrays.stream(values()).filter(algorithm -> algorithm.credential.equals(value)).findFirst();
    }

    /**
     * The algorithm {@code key} (read from {@code file}) signs with, or an {@link UnusableKeyException}
     * naming the file when Keeper does not accept that kind or size of key.
     */
    static SignatureAlgorithm forKey(Path file, Key key) throws UnusableKeyException {
        if (key instanceof RSAKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
                throw new UnusableKeyException("key " + file + " is RSA " + bits + " bits; Keeper accepts RSA keys of "
                        + MIN_RSA_BITS + " to " + MAX_RSA_BITS + " bits");
            }
            return RSA_PSS_SHA256;
        }
        if (key instanceof EdECKey ed && "Ed25519".equalsIgnoreCase(ed.getParams().getName())) {
            return ED25519;
        }
        throw new UnusableKeyException("key " + file + " is " + describe(key) + "; Keeper accepts RSA keys of "
                + MIN_RSA_BITS + " to " + MAX_RSA_BITS + " bits and Ed25519 keys");
    }

    byte[] sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
        Signature signature = newSignature();
        signature.initSign(key);
        signature.update(data);
        return signature.sign();
    }

    boolean verify(PublicKey key, byte[] data, byte[] signatureBytes) throws GeneralSecurityException {
        Signature signature = newSignature();
        signature.initVerify(key);
        signature.update(data);
        return signature.verify(signatureBytes);
    }

    private static String describe(Key key) {
        return key instanceof EdECKey ed ? ed.getParams().getName() : "an " + key.getAlgorithm() + " key";
    }
}
