package dev.faasjvm.runtime.cluster;

import dev.faasjvm.runtime.backend.FunctionExistsException;
import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.backend.StoreUnavailableException;
import dev.faasjvm.runtime.etcd.EtcdClient;
import dev.faasjvm.runtime.etcd.EtcdUnavailableException;
import dev.faasjvm.runtime.etcd.KeyValue;
import dev.faasjvm.runtime.etcd.StoreKeys;
import dev.faasjvm.runtime.etcd.Versioned;
import dev.faasjvm.runtime.folder.FolderJar;
import dev.faasjvm.runtime.folder.SharedFolders;
import dev.faasjvm.runtime.state.StoredDeployment;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import dev.faasjvm.runtime.wire.Json;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The shared state as this node's functions folder sees it: each function's etcd entry with its
 * revision, writes through {@link ClusterBackend} that commit only while the entry is at the
 * revision read (so of two nodes whose folders decide at once, one wins), and every node's folder
 * listing under {@code {prefix}folders/{node}}. A listing is not under a lease: a node that dies
 * keeps it, but only the live nodes' listings count. Thread-safe.
 */
final class ClusterFolders implements SharedFolders {
    private static final System.Logger LOG = System.getLogger(ClusterFolders.class.getName());

    /** One node's listing as stored: the JARs of its folder by function name. */
    record Listing(Map<String, FolderJar> jars) {
    }

    private final EtcdClient client;
    private final StoreKeys keys;
    private final ClusterView view;
    private final ClusterBackend backend;
    private final String node;

    ClusterFolders(EtcdClient client, StoreKeys keys, ClusterView view, ClusterBackend backend, String node) {
        this.client = client;
        this.keys = keys;
        this.view = view;
        this.backend = backend;
        this.node = node;
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public Optional<Entry> read(String name) {
        Optional<Versioned<StoredDeployment>> stored = view.deployments().read(name, ProviderBackend.DEFAULT_NAMESPACE);
        return stored.map(entry -> new Entry(entry.value().spec().image(), entry.value().spec().annotations(),
                entry.modRevision()));
    }

    @Override
    public boolean create(FunctionDeployment spec) {
        try {
            backend.deploy(spec);
            return true;
        } catch (FunctionExistsException e) {
            return false; // another node's folder (or a client) came first: decided again on what it wrote
        }
    }

    @Override
    public boolean replace(FunctionDeployment spec, long revision) {
        return backend.updateIf(spec, revision);
    }

    @Override
    public boolean remove(String name, long revision) {
        return backend.deleteIf(name, ProviderBackend.DEFAULT_NAMESPACE, revision);
    }

    /** Written to etcd directly: the bytes (their hash) stay, so no node loads anything before it is committed. */
    @Override
    public boolean handOver(String name, Map<String, String> annotations, long revision) {
        Optional<Versioned<StoredDeployment>> read = view.deployments().read(name, ProviderBackend.DEFAULT_NAMESPACE);
        if (read.isEmpty() || read.get().modRevision() != revision) {
            return false;
        }
        StoredDeployment stored = read.get().value();
        FunctionDeployment spec = stored.spec();
        StoredDeployment next = new StoredDeployment(new FunctionDeployment(spec.service(), spec.image(),
                spec.namespace(), spec.envProcess(), spec.envVars(), spec.constraints(), spec.secrets(), spec.labels(),
                annotations, spec.limits(), spec.requests(), spec.readOnlyRootFilesystem()), stored.replicas(),
                stored.createdAt(), stored.artifactSha256());
        return view.deployments().saveIf(next, revision).isPresent();
    }

    @Override
    public void publish(Map<String, FolderJar> jars) {
        try {
            client.put(keys.folder(node), Json.write(new Listing(new TreeMap<>(jars))));
        } catch (EtcdUnavailableException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Map<String, FolderJar> providers(String name) {
        Map<String, NodeInfo> live = view.snapshot().nodes();
        Map<String, FolderJar> providers = new TreeMap<>();
        List<KeyValue> listings;
        try {
            listings = client.range(keys.folders()).kvs();
        } catch (EtcdUnavailableException e) {
            throw unavailable(e);
        }
        for (KeyValue kv : listings) {
            String owner = kv.key().substring(keys.folders().length());
            if (owner.equals(node) || !live.containsKey(owner)) {
                continue;
            }
            try {
                FolderJar jar = Json.read(kv.value(), Listing.class).jars().get(name);
                if (jar != null) {
                    providers.put(owner, jar);
                }
            } catch (RuntimeException e) { // a listing this faas-jvm cannot read: that node provides nothing
                LOG.log(Level.WARNING, () -> "Functions folder listing " + kv.key() + " cannot be read: "
                        + e.getMessage());
            }
        }
        return providers;
    }

    private StoreUnavailableException unavailable(EtcdUnavailableException cause) {
        return new StoreUnavailableException("The functions folders' listings (etcd, prefix " + keys.prefix()
                + ") are unavailable: " + cause.getMessage(), cause);
    }
}
