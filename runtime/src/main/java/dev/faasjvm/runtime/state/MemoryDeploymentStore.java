package dev.faasjvm.runtime.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store of a runtime that keeps its state in memory only (tests, embedding): it holds what was
 * saved for as long as it lives and nothing survives the process. Thread-safe.
 */
final class MemoryDeploymentStore implements DeploymentStore {
    private final ConcurrentHashMap<String, StoredDeployment> deployments = new ConcurrentHashMap<>();

    @Override
    public StoredDeployments load() {
        List<StoredDeployment> all = new ArrayList<>(deployments.values());
        all.sort(Comparator.comparing(StoredDeployment::namespace).thenComparing(StoredDeployment::name));
        return new StoredDeployments(all, List.of());
    }

    @Override
    public void save(StoredDeployment deployment) {
        deployments.put(entryName(deployment.name(), deployment.namespace()), deployment);
    }

    @Override
    public void remove(String name, String namespace) {
        deployments.remove(entryName(name, namespace));
    }

    @Override
    public String describe() {
        return "memory only (nothing is kept after the runtime stops)";
    }

    @Override
    public String entryName(String name, String namespace) {
        return namespace + "/" + name;
    }
}
