package dev.faasjvm.runtime.etcd;

/**
 * One change seen by a watch: a put (the key's new value) or a delete (value empty, mod revision
 * the deletion's).
 *
 * @param deleted whether the key was deleted
 * @param kv the key as it is after the change
 */
public record WatchEvent(boolean deleted, KeyValue kv) {
}
