package dev.faasjvm.runtime.etcd;

import dev.faasjvm.runtime.state.SecretStore;
import dev.faasjvm.runtime.wire.Secret;

/**
 * The secrets of a cluster in one etcd key ({@code {prefix}secrets}), their values in base64 as in
 * the state folder's file: etcd's own auth, TLS and encryption at rest protect them (see the
 * README's "Run a cluster"). Thread-safe.
 */
public final class EtcdSecretStore extends EtcdListStore<Secret> implements SecretStore {
    public EtcdSecretStore(EtcdClient client, StoreKeys keys) {
        super(client, keys, keys.secrets(), "secret", Secret.class);
    }
}
