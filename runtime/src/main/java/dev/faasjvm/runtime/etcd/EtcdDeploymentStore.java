package dev.faasjvm.runtime.etcd;

import dev.faasjvm.runtime.state.DeploymentStore;
import dev.faasjvm.runtime.state.StoredDeployment;
import dev.faasjvm.runtime.state.StoredDeployments;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import dev.faasjvm.runtime.wire.Json;
import dev.faasjvm.runtime.wire.StateProblem;
import dev.faasjvm.runtime.wire.WireFormatException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The deployments of a cluster in etcd, one key per function ({@code {prefix}functions/{ns}/{name}}),
 * each the same JSON entry as the state folder's files. Besides the {@link DeploymentStore}
 * contract it offers compare-and-set on a key's revision ({@link #saveIf}, {@link #removeIf}), so
 * that changes of one function through two nodes are serialised by etcd, never lost. While etcd
 * has no quorum every write throws a {@code StoreUnavailableException} (503) that names this
 * store. Thread-safe.
 */
public final class EtcdDeploymentStore implements DeploymentStore {
    static final int FORMAT = 1;

    private final EtcdClient client;
    private final StoreKeys keys;

    /** The entry as stored: a format number first, as in the state folder. */
    record Entry(int format, FunctionDeployment spec, int replicas, Instant createdAt, String artifactSha256) {
    }

    public EtcdDeploymentStore(EtcdClient client, StoreKeys keys) {
        this.client = client;
        this.keys = keys;
    }

    @Override
    public StoredDeployments load() {
        return parse(range().kvs());
    }

    /** Every deployment and the revision they were read at, for a watch to go on from. */
    public Range range() {
        try {
            return client.range(keys.functions());
        } catch (EtcdUnavailableException e) {
            throw Unavailable.of("deployment", client, keys.prefix(), e);
        }
    }

    /** Parses the entries of {@link #range()}; unreadable ones are reported, not thrown. */
    public StoredDeployments parse(List<KeyValue> kvs) {
        List<StoredDeployment> deployments = new ArrayList<>();
        List<StateProblem> problems = new ArrayList<>();
        for (KeyValue kv : kvs) {
            try {
                deployments.add(parse(kv));
            } catch (WireFormatException | IllegalArgumentException e) {
                problems.add(new StateProblem(kv.key(), e.getMessage()));
            }
        }
        return new StoredDeployments(deployments, problems);
    }

    /**
     * One entry as read from etcd.
     *
     * @throws IllegalArgumentException if it is not a readable entry of this key
     */
    public StoredDeployment parse(KeyValue kv) {
        Entry entry = Json.read(kv.value(), Entry.class);
        if (entry.format() != FORMAT) {
            throw new IllegalArgumentException("has format " + entry.format() + ", this faas-jvm reads format "
                    + FORMAT);
        }
        if (entry.spec() == null || entry.createdAt() == null) {
            throw new IllegalArgumentException("has no " + (entry.spec() == null ? "spec" : "createdAt"));
        }
        StoredDeployment stored = new StoredDeployment(entry.spec(), entry.replicas(), entry.createdAt(),
                entry.artifactSha256());
        if (!kv.key().equals(keys.function(stored.name(), stored.namespace()))) {
            throw new IllegalArgumentException("holds function \"" + stored.name() + "\" in namespace \""
                    + stored.namespace() + "\", not the one its key names");
        }
        return stored;
    }

    /** One function's entry and its revision, or empty when it is not stored. */
    public Optional<Versioned<StoredDeployment>> read(String name, String namespace) {
        try {
            return client.get(keys.function(name, namespace)).map(kv -> new Versioned<>(parse(kv), kv.modRevision()));
        } catch (EtcdUnavailableException e) {
            throw Unavailable.of("deployment", client, keys.prefix(), e);
        }
    }

    @Override
    public void save(StoredDeployment deployment) {
        try {
            client.put(keys.function(deployment.name(), deployment.namespace()), encode(deployment));
        } catch (EtcdUnavailableException e) {
            throw Unavailable.of("deployment", client, keys.prefix(), e);
        }
    }

    /**
     * Stores an entry only if the function's key is still at {@code modRevision} (0: only if it is
     * not stored); returns the new revision, or empty when another change came first.
     */
    public OptionalLong saveIf(StoredDeployment deployment, long modRevision) {
        try {
            return client.putIf(keys.function(deployment.name(), deployment.namespace()), encode(deployment),
                    modRevision);
        } catch (EtcdUnavailableException e) {
            throw Unavailable.of("deployment", client, keys.prefix(), e);
        }
    }

    @Override
    public void remove(String name, String namespace) {
        try {
            client.delete(keys.function(name, namespace));
        } catch (EtcdUnavailableException e) {
            throw Unavailable.of("deployment", client, keys.prefix(), e);
        }
    }

    /** Removes an entry only if it is still at {@code modRevision}; empty when another change came first. */
    public OptionalLong removeIf(String name, String namespace, long modRevision) {
        try {
            return client.deleteIf(keys.function(name, namespace), modRevision);
        } catch (EtcdUnavailableException e) {
            throw Unavailable.of("deployment", client, keys.prefix(), e);
        }
    }

    @Override
    public String describe() {
        return "etcd at " + client.config().describe() + " under " + keys.functions();
    }

    @Override
    public String entryName(String name, String namespace) {
        return keys.function(name, namespace);
    }

    private static byte[] encode(StoredDeployment deployment) {
        return Json.write(new Entry(FORMAT, deployment.spec(), deployment.replicas(), deployment.createdAt(),
                deployment.artifactSha256()));
    }
}
