package dev.faasjvm.runtime.cluster;

import dev.faasjvm.runtime.etcd.EtcdClient;
import dev.faasjvm.runtime.etcd.EtcdDeploymentStore;
import dev.faasjvm.runtime.etcd.EtcdNamespaceStore;
import dev.faasjvm.runtime.etcd.EtcdSecretStore;
import dev.faasjvm.runtime.etcd.EtcdUnavailableException;
import dev.faasjvm.runtime.etcd.EtcdWatch;
import dev.faasjvm.runtime.etcd.KeyValue;
import dev.faasjvm.runtime.etcd.Range;
import dev.faasjvm.runtime.etcd.StoreKeys;
import dev.faasjvm.runtime.etcd.WatchEvent;
import dev.faasjvm.runtime.state.StoredDeployment;
import dev.faasjvm.runtime.wire.FunctionNamespace;
import dev.faasjvm.runtime.wire.Json;
import dev.faasjvm.runtime.wire.Secret;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * This node's copy of the cluster's desired state: every key under the prefix, read once and then
 * kept current by one watch, as an immutable {@link Snapshot} replaced on each change. The
 * reconciler is told after each change. Thread-safe.
 */
final class ClusterView implements EtcdWatch.Listener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ClusterView.class.getName());

    /** One function as etcd holds it, with the revision of its last change (its generation). */
    record Desired(StoredDeployment stored, long modRevision) {
    }

    /**
     * The desired state at one store revision.
     *
     * @param functions by {@code namespace/name}, in key order
     * @param secrets every secret
     * @param namespaces every created namespace
     * @param nodes the live nodes by name
     * @param revision the store revision this snapshot is complete up to
     * @param leases each live node's membership lease, by name
     * @param held what each live node has loaded: available replicas by {@code namespace/name}, by node
     */
    record Snapshot(Map<String, Desired> functions, List<Secret> secrets, List<FunctionNamespace> namespaces,
            Map<String, NodeInfo> nodes, long revision, Map<String, Long> leases,
            Map<String, Map<String, Integer>> held) {
        List<String> liveNodes() {
            return List.copyOf(new java.util.TreeSet<>(nodes.keySet()));
        }

        /** The functions {@code node} published as loaded, with their available replicas; empty if none. */
        Map<String, Integer> heldBy(String node) {
            return nodes.containsKey(node) ? held.getOrDefault(node, Map.of()) : Map.of();
        }
    }

    private final EtcdClient client;
    private final StoreKeys keys;
    private final EtcdDeploymentStore deployments;
    private final EtcdSecretStore secrets;
    private final EtcdNamespaceStore namespaces;
    private final Runnable onChange;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), List.of(), List.of(), Map.of(), 0, Map.of(),
            Map.of());
    private EtcdWatch watch;

    ClusterView(EtcdClient client, StoreKeys keys, Runnable onChange) {
        this.client = client;
        this.keys = keys;
        this.deployments = new EtcdDeploymentStore(client, keys);
        this.secrets = new EtcdSecretStore(client, keys);
        this.namespaces = new EtcdNamespaceStore(client, keys);
        this.onChange = onChange;
    }

    /** Reads everything, then follows every later change; returns the revision read at. */
    synchronized long start() {
        long revision = load();
        watch = client.watch(keys.prefix(), revision + 1, this);
        return revision;
    }

    Snapshot snapshot() {
        return snapshot;
    }

    /** Whether the watch is connected to etcd now. */
    boolean isWatching() {
        EtcdWatch current = watch;
        return current != null && current.isConnected();
    }

    private long load() {
        Range range = client.range(keys.prefix());
        Snapshot next = new Snapshot(new TreeMap<>(), List.of(), List.of(), new TreeMap<>(), range.revision(),
                Map.of(), Map.of());
        next = apply(next, range.kvs().stream().map(kv -> new WatchEvent(false, kv)).toList(), range.revision());
        snapshot = next;
        return range.revision();
    }

    @Override
    public void changed(List<WatchEvent> events, long revision) {
        snapshot = apply(snapshot, events, revision);
        onChange.run();
    }

    @Override
    public long resync() {
        while (true) {
            try {
                long revision = load();
                onChange.run();
                return revision;
            } catch (EtcdUnavailableException e) {
                LOG.log(Level.DEBUG, () -> "Cannot re-read the cluster state yet: " + e.getMessage());
            }
        }
    }

    private Snapshot apply(Snapshot from, List<WatchEvent> events, long revision) {
        Map<String, Desired> functions = new TreeMap<>(from.functions());
        Map<String, NodeInfo> nodes = new TreeMap<>(from.nodes());
        Map<String, Long> leases = new TreeMap<>(from.leases());
        Map<String, Map<String, Integer>> held = new TreeMap<>(from.held());
        List<Secret> secretList = from.secrets();
        List<FunctionNamespace> namespaceList = from.namespaces();
        for (WatchEvent event : events) {
            KeyValue kv = event.kv();
            String key = kv.key();
            try {
                if (key.startsWith(keys.functions())) {
                    String id = key.substring(keys.functions().length());
                    if (event.deleted()) {
                        functions.remove(id);
                    } else {
                        functions.put(id, new Desired(deployments.parse(kv), kv.modRevision()));
                    }
                } else if (key.startsWith(keys.nodes())) {
                    String name = key.substring(keys.nodes().length());
                    if (event.deleted()) {
                        nodes.remove(name);
                        leases.remove(name);
                    } else {
                        nodes.put(name, Json.read(kv.value(), NodeInfo.class));
                        leases.put(name, kv.lease());
                    }
                } else if (key.startsWith(keys.held())) {
                    String name = key.substring(keys.held().length());
                    if (event.deleted()) {
                        held.remove(name);
                    } else {
                        held.put(name, HeldReplicas.parse(kv.value()));
                    }
                } else if (key.equals(keys.secrets())) {
                    secretList = event.deleted() ? List.of() : secrets.parse(kv.value());
                } else if (key.equals(keys.namespaces())) {
                    namespaceList = event.deleted() ? List.of() : namespaces.parse(kv.value());
                }
            } catch (RuntimeException e) { // an entry this faas-jvm cannot read: leave it out, say so once
                LOG.log(Level.WARNING, () -> "Cluster state key " + key + " cannot be read and is ignored: "
                        + e.getMessage());
            }
        }
        return new Snapshot(functions, secretList, namespaceList, nodes, Math.max(from.revision(), revision), leases,
                held);
    }

    EtcdDeploymentStore deployments() {
        return deployments;
    }

    EtcdSecretStore secrets() {
        return secrets;
    }

    EtcdNamespaceStore namespaces() {
        return namespaces;
    }

    @Override
    public synchronized void close() {
        if (watch != null) {
            watch.close();
        }
    }
}
