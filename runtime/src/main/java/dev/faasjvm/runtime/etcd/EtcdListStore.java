package dev.faasjvm.runtime.etcd;

import dev.faasjvm.runtime.wire.Json;
import java.lang.reflect.Array;
import java.util.List;
import java.util.OptionalLong;

/**
 * A list of wire records kept in one etcd key as a JSON array, replaced whole on every change (so a
 * reader sees the old list or the new one), with compare-and-set on the key's revision so that two
 * nodes adding to the list at once both get in. The secrets and namespaces are such lists.
 * Thread-safe.
 */
class EtcdListStore<T> {
    private final EtcdClient client;
    private final StoreKeys keys;
    private final String key;
    private final String what;
    private final Class<T> type;

    EtcdListStore(EtcdClient client, StoreKeys keys, String key, String what, Class<T> type) {
        this.client = client;
        this.keys = keys;
        this.key = key;
        this.what = what;
        this.type = type;
    }

    /** The key this list is kept in. */
    public String key() {
        return key;
    }

    /** Every record now; empty when nothing was stored yet. */
    public List<T> load() {
        return read().value();
    }

    /** Every record and the key's revision (0 when nothing was stored yet). */
    public Versioned<List<T>> read() {
        try {
            return client.get(key).map(kv -> new Versioned<>(parse(kv.value()), kv.modRevision()))
                    .orElseGet(() -> new Versioned<>(List.of(), 0));
        } catch (EtcdUnavailableException e) {
            throw Unavailable.of(what, client, keys.prefix(), e);
        }
    }

    /** Replaces the list. */
    public void save(List<T> records) {
        try {
            client.put(key, Json.write(records));
        } catch (EtcdUnavailableException e) {
            throw Unavailable.of(what, client, keys.prefix(), e);
        }
    }

    /** Replaces the list only if the key is still at {@code modRevision}; empty when another change came first. */
    public OptionalLong saveIf(List<T> records, long modRevision) {
        try {
            return client.putIf(key, Json.write(records), modRevision);
        } catch (EtcdUnavailableException e) {
            throw Unavailable.of(what, client, keys.prefix(), e);
        }
    }

    /** Parses a value of the key, as a watch delivers it. */
    @SuppressWarnings("unchecked")
    public List<T> parse(byte[] value) {
        if (value.length == 0) {
            return List.of();
        }
        T[] records = (T[]) Json.read(value, Array.newInstance(type, 0).getClass());
        return List.of(records);
    }
}
