package dev.faasjvm.runtime.etcd;

import dev.faasjvm.runtime.state.NamespaceStore;
import dev.faasjvm.runtime.wire.FunctionNamespace;

/** The created namespaces of a cluster in one etcd key ({@code {prefix}namespaces}). Thread-safe. */
public final class EtcdNamespaceStore extends EtcdListStore<FunctionNamespace> implements NamespaceStore {
    public EtcdNamespaceStore(EtcdClient client, StoreKeys keys) {
        super(client, keys, keys.namespaces(), "namespace", FunctionNamespace.class);
    }
}
