package dev.faasjvm.runtime.state;

import java.io.IOException;

/**
 * Where the runtime keeps its deployments so that they survive a restart: the seam that lets
 * another store (for example the OpenFaaS Function resources of a Kubernetes cluster, see
 * DESIGN.md "Beyond one machine") replace the files without touching the rest.
 *
 * <p>Contract: {@link #save} and {@link #remove} return only once the change is durable (a crash
 * right after loses nothing), and a change is all or nothing (a crash during one leaves the old
 * entry or the new one, never a mix). Callers serialise the writes of one function; writes of
 * different functions may run concurrently. {@link #load} never drops or rewrites an entry it
 * cannot read: it reports it.
 */
public interface DeploymentStore {

    /** Reads every stored deployment; unreadable entries are reported, not thrown. */
    StoredDeployments load();

    /**
     * Stores a function's deployment, replacing what was stored for the same name and namespace.
     *
     * @throws IOException if it cannot be stored; what was stored before is then unchanged
     */
    void save(StoredDeployment deployment) throws IOException;

    /**
     * Forgets a function; nothing happens when nothing is stored for it.
     *
     * @throws IOException if it cannot be removed; the entry is then unchanged
     */
    void remove(String name, String namespace) throws IOException;

    /** Where the deployments are kept, for messages, e.g. {@code files in /srv/faas-jvm/deployments}. */
    String describe();

    /** How problems name a function's entry, e.g. {@code deployments/openfaas-fn/echo.json}. */
    String entryName(String name, String namespace);

    /** A store in memory only, for a runtime whose state must not outlive it (tests, embedding). */
    static DeploymentStore inMemory() {
        return new MemoryDeploymentStore();
    }
}
