package keeper.auth.pem.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Nonces of accepted requests, per key, kept as long as a request carrying them could still pass the
 * timestamp check. Bounded: when full, the oldest nonce is forgotten first, so memory stays fixed even
 * under a flood of (validly signed) requests.
 */
final class NonceCache {

    private final int capacity;
    private final Duration retention;
    /** In insertion order, which is expiry order because every entry is kept for the same time. */
    private final LinkedHashMap<String, Instant> expiries = new LinkedHashMap<>();

    NonceCache(int capacity, Duration retention) {
        if (capacity < 1) {
            throw new IllegalArgumentException("nonce cache capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
        this.retention = retention;
    }

    synchronized boolean contains(String keyName, String nonce, Instant now) {
        forgetExpired(now);
        return expiries.containsKey(entry(keyName, nonce));
    }

    /** Remembers the nonce; false when it was already there, i.e. the request is a replay. */
    synchronized boolean remember(String keyName, String nonce, Instant now) {
        forgetExpired(now);
        String entry = entry(keyName, nonce);
        if (expiries.containsKey(entry)) {
            return false;
        }
        if (expiries.size() >= capacity) {
            Iterator<String> oldest = expiries.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        expiries.put(entry, now.plus(retention));
        return true;
    }

    synchronized int size() {
        return expiries.size();
    }

    private void forgetExpired(Instant now) {
        Iterator<Map.Entry<String, Instant>> oldestFirst = expiries.entrySet().iterator();
        while (oldestFirst.hasNext() && !oldestFirst.next().getValue().isAfter(now)) {
            oldestFirst.remove();
        }
    }

    /** NUL cannot occur in a key name, so distinct (key, nonce) pairs give distinct entries. */
    private static String entry(String keyName, String nonce) {
        return keyName + '\0' + nonce;
    }
}
