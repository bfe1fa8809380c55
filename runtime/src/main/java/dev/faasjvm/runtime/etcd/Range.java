package dev.faasjvm.runtime.etcd;

import java.util.List;

/**
 * Every key under a prefix at one revision of the store, in key order. Immutable.
 *
 * @param kvs the keys
 * @param revision the store's revision they were read at; a watch from {@code revision + 1} sees
 *     every later change
 */
public record Range(List<KeyValue> kvs, long revision) {
    public Range {
        kvs = List.copyOf(kvs);
    }
}
