package dev.faasjvm.runtime.etcd;

/**
 * A value read from etcd with the revision of its key's last change, for a compare-and-set:
 * write back only if the key is still at {@code modRevision}. Immutable.
 *
 * @param value the value
 * @param modRevision the key's revision; 0 when the key does not exist (the value is then the empty one)
 */
public record Versioned<T>(T value, long modRevision) {
}
