package keeper.auth.pem.internal;

import java.security.Key;

/** A key read from a PEM file together with the one algorithm Keeper uses it with. */
record ParsedKey<K extends Key>(K key, SignatureAlgorithm algorithm) {
}
