package keeper.auth.pem.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads PEM key files with BouncyCastle's PEMParser. The only class that touches BouncyCastle, so its
 * classes load when the first key is read, never on the path of an unsigned request. The converter uses
 * the JDK's key factories: no BouncyCastle provider is created or registered.
 */
final class PemFiles {

    /** Far above any RSA 4096 key (about 3.3 kB); a bigger file is not a key and is not read whole. */
    static final int MAX_BYTES = 64 * 1024;

    private PemFiles() {
    }

    /** The private key in {@code file} (PKCS#8 or PKCS#1 RSA, PKCS#8 Ed25519), following symbolic links. */
    static ParsedKey<PrivateKey> readPrivateKey(Path file) throws IOException {
        Object pem = firstObject(file, read(file));
        PrivateKey key;
        if (pem instanceof PrivateKeyInfo info) {
            key = convert(file, () -> new JcaPEMKeyConverter().getPrivateKey(info));
        } else if (pem instanceof PEMKeyPair pair) {
            key = convert(file, () -> new JcaPEMKeyConverter().getKeyPair(pair).getPrivate());
        } else if (pem instanceof PEMEncryptedKeyPair || pem instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new UnusableKeyException("key " + file + " is encrypted; Keeper does not support encrypted keys"
                    + " (write an unencrypted copy readable only by you: openssl pkey -in " + file + " -out NEW.pem)");
        } else if (pem instanceof SubjectPublicKeyInfo) {
            throw new UnusableKeyException("key " + file + " is a public key; signing needs the private key");
        } else {
            throw new UnusableKeyException("key " + file + " holds " + kind(pem) + ", not a private key");
        }
        return new ParsedKey<>(key, SignatureAlgorithm.forKey(file, key));
    }

    /**
     * The public key in {@code file} (SubjectPublicKeyInfo {@code BEGIN PUBLIC KEY} or PKCS#1
     * {@code BEGIN RSA PUBLIC KEY}). Never follows a symbolic link, even one swapped in after the caller
     * looked at the file.
     */
    static ParsedKey<PublicKey> readPublicKey(Path file) throws IOException {
        Object pem = firstObject(file, read(file, LinkOption.NOFOLLOW_LINKS));
        if (!(pem instanceof SubjectPublicKeyInfo info)) {
            throw new UnusableKeyException("public key " + file + " holds " + kind(pem) + ", not a public key"
                    + (pem instanceof PEMKeyPair || pem instanceof PrivateKeyInfo ? " (a private key must never be in pub_keys_path)" : ""));
        }
        PublicKey key = convert(file, () -> new JcaPEMKeyConverter().getPublicKey(info));
        return new ParsedKey<>(key, SignatureAlgorithm.forKey(file, key));
    }

    private static byte[] read(Path file, OpenOption... options) throws IOException {
        Set<OpenOption> open = new HashSet<>(List.of(options));
        open.add(StandardOpenOption.READ);
        byte[] bytes;
        try (InputStream in = Channels.newInputStream(Files.newByteChannel(file, open))) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new UnusableKeyException("key " + file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new UnusableKeyException("key " + file + " is not readable by this user", e);
        } catch (IOException e) {
            throw new UnusableKeyException("key " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new UnusableKeyException("key " + file + " is larger than " + MAX_BYTES / 1024 + " KiB; it is not a PEM key");
        }
        return bytes;
    }

    private static Object firstObject(Path file, byte[] bytes) throws UnusableKeyException {
        Object pem;
        try (PEMParser parser = new PEMParser(new StringReader(new String(bytes, StandardCharsets.US_ASCII)))) {
            pem = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new UnusableKeyException("key " + file + " is not a valid PEM key: " + e.getMessage(), e);
        }
        if (pem == null) {
            throw new UnusableKeyException("key " + file + " holds no PEM block (expected a line like -----BEGIN PRIVATE KEY-----)");
        }
        return pem;
    }

    private static <K extends Key> K convert(Path file, Conversion<K> conversion) throws UnusableKeyException {
        try {
            return conversion.run();
        } catch (PEMException e) {
            throw new UnusableKeyException("key " + file + " cannot be used: " + e.getMessage(), e);
        }
    }

    private static String kind(Object pem) {
        if (pem instanceof PEMKeyPair || pem instanceof PrivateKeyInfo) {
            return "a private key";
        }
        return "a " + pem.getClass().getSimpleName();
    }

    @FunctionalInterface
    private interface Conversion<K extends Key> {
        K run() throws PEMException;
    }
}
