package dev.faasjvm.runtime.cluster;

import dev.faasjvm.runtime.backend.FunctionNotFoundException;
import dev.faasjvm.runtime.backend.NotFoundException;
import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.cluster.ClusterView.Desired;
import dev.faasjvm.runtime.cluster.ClusterView.Snapshot;
import dev.faasjvm.runtime.state.StoredDeployment;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import dev.faasjvm.runtime.wire.FunctionNamespace;
import dev.faasjvm.runtime.wire.Secret;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Brings this node's local registry to the cluster's desired state: namespaces and secrets first,
 * then every function at its current generation (its key's revision in etcd) with this node's
 * share of its replicas, then what is gone is deleted. Only a function's keepers (the nodes the
 * placement gives a replica, {@link Placement#keepers}) load it; a node that loaded it without being
 * one (it received the deploy and checked it) unloads it once a keeper serves it, or at once when a
 * newer generation comes (its calls are forwarded to a keeper then). It runs on its own thread after every change
 * the view sees, and every few seconds to retry what failed (a JAR no peer could give yet). Every
 * change of the local registry, this one's or an API call's on this node, happens under this
 * object's lock, so the two never interleave on one function. {@link #appliedRevision()} says how
 * far it got; waiters are woken when it moves. Thread-safe.
 */
final class Reconciler implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Reconciler.class.getName());
    private static final long RETRY_MILLIS = 2000;

    private final ProviderBackend local;
    private final String node;
    private final Supplier<Snapshot> view;
    private final LocalImages images;
    /** What each function's local generation was built from, and the revision it was at. */
    private final Map<String, Desired> applied = new HashMap<>();
    /** Functions whose local generation may differ from the stored one: applied again on the next pass. */
    private final Set<String> dirty = new HashSet<>();
    /** Read by every call (no lock): this node's replicas of each function. */
    private final Map<String, Integer> shares = new ConcurrentHashMap<>();
    /** Read by every call (no lock): the functions loaded in the local registry, by {@code namespace/name}. */
    private final Set<String> loaded = ConcurrentHashMap.newKeySet();
    private final Map<String, String> problems = new TreeMap<>();
    private final Object progress = new Object();
    private final Thread thread;
    private List<Secret> appliedSecrets = List.of();
    private List<FunctionNamespace> appliedNamespaces = List.of();
    private volatile long appliedRevision;
    private volatile boolean closed;
    private boolean kicked;

    Reconciler(ProviderBackend local, String node, Supplier<Snapshot> view, LocalImages images) {
        this.local = local;
        this.node = node;
        this.view = view;
        this.images = images;
        this.thread = new Thread(this::run, "faas-jvm-reconciler");
        thread.setDaemon(true);
    }

    /** Starts reconciling on its own thread after every {@link #kick()}. */
    void start() {
        thread.start();
    }

    /** Asks for a pass soon; called after every change the view sees. */
    void kick() {
        synchronized (progress) {
            kicked = true;
            progress.notifyAll();
        }
    }

    /** The store revision up to which this node has applied the desired state. */
    long appliedRevision() {
        return appliedRevision;
    }

    /** Waits at most {@code wait} until {@link #appliedRevision()} reaches {@code revision}; returns it. */
    long awaitApplied(long revision, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (progress) {
            while (appliedRevision < revision && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                progress.wait(Math.max(1, left / 1_000_000));
            }
            return appliedRevision;
        }
    }

    /** Why functions are not at their stored generation on this node, by {@code namespace/name}. */
    synchronized Map<String, String> problems() {
        return new TreeMap<>(problems);
    }

    /** This node's replicas of each function, by {@code namespace/name}. */
    Map<String, Integer> shares() {
        return new TreeMap<>(shares);
    }

    /** The functions loaded here (their class loader and handlers), by {@code namespace/name}. */
    Set<String> loaded() {
        return new TreeSet<>(loaded);
    }

    /** Whether a function is loaded here. */
    boolean isLoaded(String id) {
        return loaded.contains(id);
    }

    /** This node's replicas of one function, or {@code null} while it is not applied here. */
    Integer share(String id) {
        return shares.get(id);
    }

    /** Records that an API call on this node already applied a function's generation here. */
    synchronized void markApplied(String id, Desired desired) {
        applied.put(id, desired);
        loaded.add(id);
        dirty.remove(id);
        shares.remove(id);
        problems.remove(id);
    }

    /** Records that the local generation of a function may differ from the stored one. */
    synchronized void markDirty(String id) {
        dirty.add(id);
        kick();
    }

    private void run() {
        while (!closed) {
            try {
                synchronized (progress) {
                    if (!kicked) {
                        progress.wait(RETRY_MILLIS);
                    }
                    kicked = false;
                }
                pass();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) { // one bad pass must not stop the node from following the cluster
                LOG.log(Level.ERROR, "Reconciling with the cluster state failed; retrying", e);
            }
        }
    }

    /** One pass over the whole desired state; also called once, on the starting thread, at start. */
    synchronized void pass() {
        Snapshot snapshot = view.get();
        List<String> live = liveNodes(snapshot);
        applyNamespaces(snapshot.namespaces(), false);
        applySecrets(snapshot.secrets());
        for (Map.Entry<String, Desired> function : snapshot.functions().entrySet()) {
            applyFunction(function.getKey(), function.getValue(), live, snapshot);
        }
        for (String id : new ArrayList<>(applied.keySet())) {
            if (!snapshot.functions().containsKey(id)) {
                deleteLocal(id);
            }
        }
        for (String id : new ArrayList<>(dirty)) {
            if (!snapshot.functions().containsKey(id)) {
                deleteLocal(id); // deployed here by a call whose commit failed
            }
        }
        applyNamespaces(snapshot.namespaces(), true);
        synchronized (progress) {
            appliedRevision = Math.max(appliedRevision, snapshot.revision());
            progress.notifyAll();
        }
    }

    /** The live nodes, this one included even before its membership key shows up. */
    List<String> liveNodes(Snapshot snapshot) {
        TreeSet<String> live = new TreeSet<>(snapshot.nodes().keySet());
        live.add(node);
        return List.copyOf(live);
    }

    private void applyFunction(String id, Desired desired, List<String> live, Snapshot snapshot) {
        StoredDeployment stored = desired.stored();
        if (!Placement.keepers(id, stored.replicas(), live).contains(node)) {
            release(id, desired, snapshot, live);
            return;
        }
        if (!loaded.contains(id) || needsGeneration(id, desired)) {
            try {
                FunctionDeployment spec = images.localSpec(stored, live);
                if (local.status(stored.name(), stored.namespace()).isPresent()) {
                    local.update(spec);
                } else {
                    local.deploy(spec);
                }
                markApplied(id, desired);
            } catch (RuntimeException e) {
                problems.put(id, e.getMessage());
                LOG.log(Level.WARNING, () -> "Node " + node + " cannot apply function " + id + " at revision "
                        + desired.modRevision() + ": " + e.getMessage());
                return;
            }
        }
        applied.put(id, desired);
        int share = Placement.share(id, stored.replicas(), live, node);
        Integer current = shares.get(id);
        if (current == null || current != share) {
            try {
                local.scale(stored.name(), stored.namespace(), share);
                shares.put(id, share);
            } catch (RuntimeException e) {
                problems.put(id, "cannot scale to " + share + ": " + e.getMessage());
            }
        }
    }

    /**
     * A function this node does not keep: nothing is loaded for it. A copy loaded here (by a deploy
     * through this node, or while it was a keeper) goes when a newer generation comes, or once a
     * keeper publishes it loaded (so that a change of placement does not leave it nowhere).
     */
    private void release(String id, Desired desired, Snapshot snapshot, List<String> live) {
        if (loaded.contains(id) && (needsGeneration(id, desired)
                || servedByAKeeper(id, desired.stored().replicas(), live, snapshot))) {
            if (!unload(id)) {
                return;
            }
        }
        applied.put(id, desired);
        dirty.remove(id);
        if (!loaded.contains(id)) {
            shares.put(id, 0);
            problems.remove(id);
        }
    }

    /** Whether a keeper of the function published it loaded and serving (at zero replicas: loaded). */
    static boolean servedByAKeeper(String id, int replicas, List<String> live, Snapshot snapshot) {
        for (String keeper : Placement.keepers(id, replicas, live)) {
            Integer available = snapshot.heldBy(keeper).get(id);
            if (available != null && (available > 0 || replicas == 0)) {
                return true;
            }
        }
        return false;
    }

    /** Unloads a function here (its calls in flight drain); false if that failed. */
    private boolean unload(String id) {
        int slash = id.indexOf('/');
        try {
            local.delete(id.substring(slash + 1), id.substring(0, slash));
        } catch (FunctionNotFoundException e) {
            // not there
        } catch (RuntimeException e) {
            problems.put(id, "cannot unload: " + e.getMessage());
            return false;
        }
        loaded.remove(id);
        return true;
    }

    /**
     * Whether the stored entry asks for a new generation here, not only another replica count: its
     * spec or bytes changed, or it was written again with the same replicas (an update that changed
     * nothing visible still builds a new generation, as on one node). A scale changes only replicas.
     */
    private boolean needsGeneration(String id, Desired desired) {
        Desired before = applied.get(id);
        if (before == null || dirty.contains(id)) {
            return true;
        }
        StoredDeployment was = before.stored();
        StoredDeployment now = desired.stored();
        return !was.spec().equals(now.spec()) || !was.artifactSha256().equals(now.artifactSha256())
                || before.modRevision() != desired.modRevision() && was.replicas() == now.replicas();
    }

    private void deleteLocal(String id) {
        if (!unload(id)) { // not found is fine: already gone here (a delete through this node)
            return;
        }
        applied.remove(id);
        dirty.remove(id);
        shares.remove(id);
        problems.remove(id);
    }

    private void applyNamespaces(List<FunctionNamespace> desired, boolean deletions) {
        Map<String, FunctionNamespace> want = new TreeMap<>();
        desired.forEach(namespace -> want.put(namespace.name(), namespace));
        Map<String, FunctionNamespace> have = new TreeMap<>();
        appliedNamespaces.forEach(namespace -> have.put(namespace.name(), namespace));
        List<FunctionNamespace> now = new ArrayList<>(appliedNamespaces);
        if (deletions) {
            for (FunctionNamespace gone : have.values()) {
                if (!want.containsKey(gone.name()) && attempt("delete namespace " + gone.name(),
                        () -> local.deleteNamespace(gone.name()))) {
                    now.remove(gone);
                }
            }
        } else {
            for (FunctionNamespace next : want.values()) {
                FunctionNamespace before = have.get(next.name());
                if (before == null && attempt("create namespace " + next.name(), () -> local.createNamespace(next))
                        || before != null && !before.equals(next)
                        && attempt("update namespace " + next.name(), () -> local.updateNamespace(next))) {
                    now.remove(before);
                    now.add(next);
                }
            }
        }
        appliedNamespaces = List.copyOf(now);
    }

    private void applySecrets(List<Secret> desired) {
        Map<String, Secret> want = bySecretKey(desired);
        Map<String, Secret> have = bySecretKey(appliedSecrets);
        Map<String, Secret> now = new TreeMap<>(have);
        for (Map.Entry<String, Secret> entry : want.entrySet()) {
            Secret before = have.get(entry.getKey());
            Secret next = entry.getValue();
            if (before == null && attempt("create secret " + entry.getKey(), () -> local.createSecret(next))
                    || before != null && !Arrays.equals(before.effectiveValue(), next.effectiveValue())
                    && attempt("update secret " + entry.getKey(), () -> local.updateSecret(next))) {
                now.put(entry.getKey(), next);
            }
        }
        for (Map.Entry<String, Secret> entry : have.entrySet()) {
            Secret gone = entry.getValue();
            if (!want.containsKey(entry.getKey()) && attempt("delete secret " + entry.getKey(),
                    () -> local.deleteSecret(gone.name(), gone.namespace()))) {
                now.remove(entry.getKey());
            }
        }
        appliedSecrets = List.copyOf(now.values());
    }

    private static Map<String, Secret> bySecretKey(List<Secret> secrets) {
        Map<String, Secret> map = new TreeMap<>();
        secrets.forEach(secret -> map.put(secret.namespace() + "/" + secret.name(), secret));
        return map;
    }

    private boolean attempt(String what, Runnable change) {
        try {
            change.run();
            problems.remove(what);
            return true;
        } catch (NotFoundException e) {
            return true; // already as desired
        } catch (RuntimeException e) {
            problems.put(what, e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        synchronized (progress) {
            progress.notifyAll();
        }
    }
}
