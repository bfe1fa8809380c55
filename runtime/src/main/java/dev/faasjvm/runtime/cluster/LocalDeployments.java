package dev.faasjvm.runtime.cluster;

import dev.faasjvm.runtime.state.DeploymentStore;
import dev.faasjvm.runtime.state.StoredDeployment;
import dev.faasjvm.runtime.state.StoredDeployments;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store of a node's local registry in a cluster: memory only, since etcd holds the desired
 * state and the node rebuilds its registry from it at start. It remembers what the registry saved,
 * so the cluster can read the hash of the artifact a deploy downloaded and pin the other nodes to
 * the same bytes. Thread-safe.
 */
public final class LocalDeployments implements DeploymentStore {
    private final ConcurrentHashMap<String, StoredDeployment> saved = new ConcurrentHashMap<>();

    /** What the local registry last saved for a function. */
    Optional<StoredDeployment> get(String name, String namespace) {
        return Optional.ofNullable(saved.get(entryName(name, namespace)));
    }

    @Override
    public StoredDeployments load() {
        return new StoredDeployments(new ArrayList<>(), List.of()); // nothing to restore: etcd is the state
    }

    @Override
    public void save(StoredDeployment deployment) {
        saved.put(entryName(deployment.name(), deployment.namespace()), deployment);
    }

    @Override
    public void remove(String name, String namespace) {
        saved.remove(entryName(name, namespace));
    }

    @Override
    public String describe() {
        return "etcd (this node's registry follows it)";
    }

    @Override
    public String entryName(String name, String namespace) {
        return namespace + "/" + name;
    }
}
