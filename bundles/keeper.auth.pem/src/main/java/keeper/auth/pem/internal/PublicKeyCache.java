package keeper.auth.pem.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed public keys by file, so a request costs a stat and a signature check, not a PEM parse. An entry
 * is used only while path, file key, modification time and size are unchanged; a changed file is parsed again.
 */
final class PublicKeyCache {

    private final Map<Path, Entry> entries = new ConcurrentHashMap<>();

    ParsedKey<PublicKey> get(PublicKeyFile file) throws IOException {
        Entry cached = entries.get(file.path());
        if (cached != null && cached.file().equals(file)) {
            return cached.key();
        }
        ParsedKey<PublicKey> key = PemFiles.readPublicKey(file.path());
        entries.put(file.path(), new Entry(file, key));
        return key;
    }

    private record Entry(PublicKeyFile file, ParsedKey<PublicKey> key) {
    }
}
