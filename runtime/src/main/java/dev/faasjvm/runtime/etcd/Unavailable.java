package dev.faasjvm.runtime.etcd;

import dev.faasjvm.runtime.backend.StoreUnavailableException;

/** Turns etcd's unavailability into the 503 that names the store which could not be written. */
final class Unavailable {
    private Unavailable() {
    }

    static StoreUnavailableException of(String store, EtcdClient client, String prefix, RuntimeException cause) {
        return new StoreUnavailableException("The " + store + " store (etcd at " + client.config().describe()
                + ", prefix " + prefix + ") is unavailable, so nothing was changed: " + cause.getMessage(), cause);
    }
}
