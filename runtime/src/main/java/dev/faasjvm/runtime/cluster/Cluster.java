package dev.faasjvm.runtime.cluster;

import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.etcd.EtcdClient;
import dev.faasjvm.runtime.etcd.EtcdUnavailableException;
import dev.faasjvm.runtime.etcd.KeyValue;
import dev.faasjvm.runtime.etcd.StoreKeys;
import dev.faasjvm.runtime.folder.SharedFolders;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.eclipse.jetty.server.Handler;

/**
 * One node's part in a cluster, wired around its local registry: the view of etcd, the reconciler,
 * the back-end the HTTP surface serves, the node-to-node routes and {@code /system/cluster}, and
 * the membership. {@link #start()} reads the desired state and applies all of it before the node
 * serves (a restarted node has converged before it reports ready); {@link #join(URI)}, once it
 * serves, registers it so that the others place replicas on it and forward calls to it;
 * {@link #close()} leaves. Thread-safe.
 */
public final class Cluster implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Cluster.class.getName());

    private final ClusterConfig config;
    private final EtcdClient client;
    private final ClusterView view;
    private final Reconciler reconciler;
    private final Peers peers;
    private final Convergence convergence;
    private final ClusterBackend backend;
    private final Membership membership;
    private final HeldReplicas held;
    private final NodeRoutes nodeRoutes;
    private final ClusterFolders folders;
    private volatile String token = "";

    private Cluster(ClusterConfig config, ProviderBackend local, LocalDeployments localStore, Path stateRoot) {
        this.config = config;
        this.client = EtcdClient.create(config.etcd());
        StoreKeys keys = config.keys();
        Reconciler[] later = new Reconciler[1];
        this.view = new ClusterView(client, keys, () -> later[0].kick());
        ClusterArtifacts artifacts = new ClusterArtifacts(stateRoot.resolve("cluster-artifacts"));
        this.peers = new Peers(() -> token, config.nodeName());
        this.reconciler = new Reconciler(local, config.nodeName(), view::snapshot,
                new LocalImages(artifacts, peers, view::snapshot, config.nodeName()));
        later[0] = reconciler;
        this.convergence = new Convergence(reconciler, peers, view::snapshot, config.nodeName(), config.leaseTtl(),
                client);
        this.membership = new Membership(client, keys, config.nodeName(), config.leaseTtl(), reconciler);
        this.held = new HeldReplicas(client, keys, config.nodeName(), membership, reconciler, local);
        this.backend = new ClusterBackend(local, localStore, view, reconciler, artifacts, peers, convergence,
                config.nodeName(), membership);
        this.nodeRoutes = new NodeRoutes(() -> token, reconciler, artifacts, local);
        this.folders = new ClusterFolders(client, keys, view, backend, config.nodeName());
    }

    /**
     * A node over {@code local}, the registry whose store is {@code localStore}; local-path JARs are
     * kept under {@code stateRoot}. Nothing is read from etcd until {@link #start()}.
     */
    public static Cluster create(ClusterConfig config, ProviderBackend local, LocalDeployments localStore,
            Path stateRoot) {
        return new Cluster(config, local, localStore, stateRoot);
    }

    /** The store to build the local registry with. */
    public static LocalDeployments localStore() {
        return new LocalDeployments();
    }

    /** The back-end the HTTP surface serves. */
    public ProviderBackend backend() {
        return backend;
    }

    /** The shared state as this node's functions folder writes to it, beside the other nodes' folders. */
    public SharedFolders folders() {
        return folders;
    }

    /** {@code /system/cluster}, to be guarded by basic auth like every {@code /system/*} route. */
    public Map<String, Handler> systemRoutes() {
        return Map.of(ClusterStatusHandler.PATH, new ClusterStatusHandler(this));
    }

    /** The node-to-node routes; they check the node token themselves. */
    public Map<String, Handler> nodeRoutes() {
        return Map.of(NodeRoutes.PREFIX + "*", nodeRoutes);
    }

    /**
     * Reads the cluster's state, applies every function, secret and namespace to the local registry,
     * and then follows etcd; returns once this node has converged.
     *
     * @throws dev.faasjvm.runtime.backend.StoreUnavailableException if etcd cannot be read
     */
    public void start() {
        try {
            token = nodeToken();
            view.start();
        } catch (EtcdUnavailableException e) {
            throw new IllegalStateException("Cannot join the cluster: " + e.getMessage(), e);
        }
        long started = System.nanoTime();
        reconciler.pass();
        reconciler.start();
        LOG.log(System.Logger.Level.INFO, () -> "Node " + config.nodeName() + " converged on revision "
                + reconciler.appliedRevision() + " (" + view.snapshot().functions().size() + " functions) in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    /** Registers this node, reachable at its advertise URL or else at {@code bound}, once it serves. */
    public void join(URI bound) {
        String url = (config.advertiseUrl() != null ? config.advertiseUrl() : bound).toString();
        membership.join(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        held.start();
    }

    String nodeName() {
        return config.nodeName();
    }

    ClusterView view() {
        return view;
    }

    Reconciler reconciler() {
        return reconciler;
    }

    Peers peers() {
        return peers;
    }

    HeldReplicas held() {
        return held;
    }

    /** The shared secret of node-to-node calls: made once per cluster by the first node, kept in etcd. */
    private String nodeToken() {
        String key = config.keys().nodeToken();
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        client.putIf(key, HexFormat.of().formatHex(fresh).getBytes(StandardCharsets.US_ASCII), 0);
        KeyValue stored = client.get(key).orElseThrow(() -> new IllegalStateException("The node token vanished"));
        return new String(stored.value(), StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        held.close();
        membership.close();
        reconciler.close();
        view.close();
        convergence.close();
    }
}
