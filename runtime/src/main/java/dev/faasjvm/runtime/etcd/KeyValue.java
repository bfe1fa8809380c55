package dev.faasjvm.runtime.etcd;

/**
 * One key of etcd as read: its value and the revisions that compare-and-set uses. Immutable
 * (the value array is not copied; callers must not change it).
 *
 * @param key the key, UTF-8
 * @param value the value's bytes
 * @param createRevision the revision that created the key
 * @param modRevision the revision of the last change of the key
 * @param lease the lease the key is attached to, 0 for none
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision, long lease) {
}
