package dev.faasjvm.runtime.cluster;

import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.runtime.backend.DeploymentRules;
import dev.faasjvm.runtime.backend.FunctionExistsException;
import dev.faasjvm.runtime.backend.FunctionNotFoundException;
import dev.faasjvm.runtime.backend.InvalidRequestException;
import dev.faasjvm.runtime.backend.Invocation;
import dev.faasjvm.runtime.backend.LogRequest;
import dev.faasjvm.runtime.backend.LogStream;
import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.cluster.ClusterView.Desired;
import dev.faasjvm.runtime.cluster.ClusterView.Snapshot;
import dev.faasjvm.runtime.etcd.EtcdDeploymentStore;
import dev.faasjvm.runtime.etcd.Versioned;
import dev.faasjvm.runtime.state.StoredDeployment;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import dev.faasjvm.runtime.wire.FunctionNamespace;
import dev.faasjvm.runtime.wire.FunctionStatus;
import dev.faasjvm.runtime.wire.ProviderInfo;
import dev.faasjvm.runtime.wire.Secret;
import dev.faasjvm.runtime.wire.SecretSummary;
import dev.faasjvm.runtime.wire.StateReport;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The back-end of a node in a cluster: every change is checked on this node first (a deploy loads
 * and constructs the function here, so bad input is a 400 with nothing committed), then written to
 * etcd with compare-and-set on the key's revision (retried on the fresh entry when another node
 * changed it first), and answered once every live node has applied it ({@link Convergence}). Reads
 * come from the desired state, with this node's figures for a function it has loaded and the
 * cluster's totals: {@code availableReplicas} sums what every live node published it has
 * available ({@link HeldReplicas}). A call goes to a local replica, or one hop to a node that keeps
 * the function ({@link Placement#keepers}); a node whose membership lease was lost serves none
 * ({@link Membership#mayServe()}). Thread-safe.
 */
public final class ClusterBackend implements ProviderBackend {
    private final ProviderBackend local;
    private final LocalDeployments localStore;
    private final ClusterView view;
    private final Reconciler reconciler;
    private final ClusterArtifacts artifacts;
    private final Peers peers;
    private final Convergence convergence;
    private final SharedLists lists;
    private final ClusterLogs logs;
    private final String node;
    private final Membership membership;
    private final Clock clock = Clock.systemUTC();
    private final AtomicLong calls = new AtomicLong();

    ClusterBackend(ProviderBackend local, LocalDeployments localStore, ClusterView view, Reconciler reconciler,
            ClusterArtifacts artifacts, Peers peers, Convergence convergence, String node, Membership membership) {
        this.local = local;
        this.localStore = localStore;
        this.view = view;
        this.reconciler = reconciler;
        this.artifacts = artifacts;
        this.peers = peers;
        this.convergence = convergence;
        this.lists = new SharedLists(view.secrets(), view.namespaces());
        this.logs = new ClusterLogs(new LocalLines(local, reconciler, view::snapshot), peers, view::snapshot, node);
        this.node = node;
        this.membership = membership;
    }

    @Override
    public void deploy(FunctionDeployment deployment) {
        FunctionDeployment spec = withDefaultNamespace(deployment);
        String id = id(spec.service(), spec.namespace());
        if (view.snapshot().functions().containsKey(id)) {
            throw exists(spec);
        }
        Artifact artifact = adopt(spec);
        long revision;
        synchronized (reconciler) {
            applyLocally(spec, artifact.localImage());
            StoredDeployment stored = new StoredDeployment(spec, Replicas.min(spec), clock.instant(),
                    artifact.sha256(localStore, spec));
            revision = commit(id, () -> new Versioned<>(stored, store().saveIf(stored, 0)
                    .orElseThrow(() -> exists(spec))));
        }
        convergence.await(revision);
    }

    @Override
    public void update(FunctionDeployment deployment) {
        FunctionDeployment spec = withDefaultNamespace(deployment);
        String id = id(spec.service(), spec.namespace());
        if (!view.snapshot().functions().containsKey(id) && store().read(spec.service(), spec.namespace()).isEmpty()) {
            throw notFound(spec.service(), spec.namespace());
        }
        Artifact artifact = adopt(spec);
        long revision;
        synchronized (reconciler) {
            applyLocally(spec, artifact.localImage());
            String sha = artifact.sha256(localStore, spec);
            revision = commit(id, () -> {
                while (true) {
                    Versioned<StoredDeployment> current = current(spec.service(), spec.namespace());
                    int replicas = Replicas.clamp(spec, Math.max(Replicas.min(spec), current.value().replicas()));
                    StoredDeployment next = new StoredDeployment(spec, replicas, current.value().createdAt(), sha);
                    OptionalLong done = store().saveIf(next, current.modRevision());
                    if (done.isPresent()) {
                        return new Versioned<>(next, done.getAsLong());
                    }
                }
            });
        }
        convergence.await(revision);
    }

    @Override
    public void delete(String name, String namespace) {
        String id = id(name, namespace);
        long revision;
        synchronized (reconciler) {
            revision = commit(id, () -> {
                while (true) {
                    Versioned<StoredDeployment> current = current(name, namespace);
                    OptionalLong done = store().removeIf(name, namespace, current.modRevision());
                    if (done.isPresent()) {
                        return new Versioned<StoredDeployment>(null, done.getAsLong());
                    }
                }
            });
        }
        convergence.await(revision);
    }

    @Override
    public void scale(String name, String namespace, long replicas) {
        local.status(name, namespace); // 400 for a namespace that does not exist, as on one node
        if (replicas < 0) {
            throw new InvalidRequestException("Invalid scale request for \"" + name + "\": replicas must not be"
                    + " negative, not " + replicas);
        }
        long revision = view.snapshot().revision();
        while (true) {
            Versioned<StoredDeployment> current = current(name, namespace);
            StoredDeployment stored = current.value();
            int target = Replicas.clamp(stored.spec(), replicas);
            if (target == stored.replicas()) {
                break;
            }
            OptionalLong done = store().saveIf(new StoredDeployment(stored.spec(), target, stored.createdAt(),
                    stored.artifactSha256()), current.modRevision());
            if (done.isPresent()) {
                revision = done.getAsLong();
                break;
            }
        }
        convergence.await(revision);
    }

    @Override
    public List<FunctionStatus> list(String namespace) {
        Snapshot snapshot = view.snapshot();
        Map<String, FunctionStatus> statuses = new TreeMap<>();
        local.list(namespace).forEach(status -> statuses.put(status.name(), clusterStatus(status, snapshot)));
        snapshot.functions().values().stream().filter(desired -> desired.stored().namespace().equals(namespace))
                .forEach(desired -> statuses.putIfAbsent(desired.stored().name(), storedStatus(desired, snapshot)));
        return List.copyOf(statuses.values());
    }

    @Override
    public Optional<FunctionStatus> status(String name, String namespace) {
        Snapshot snapshot = view.snapshot();
        Optional<FunctionStatus> loaded = local.status(name, namespace);
        if (loaded.isPresent()) {
            return loaded.map(status -> clusterStatus(status, snapshot));
        }
        return Optional.ofNullable(snapshot.functions().get(id(name, namespace)))
                .map(desired -> storedStatus(desired, snapshot));
    }

    @Override
    public CompletableFuture<FunctionResponse> invoke(String name, String namespace, Invocation invocation) {
        if (!membership.mayServe()) {
            return unavailable("Node " + node + " lost its cluster membership and serves no calls until it has"
                    + " caught up and registered again; call another node or retry");
        }
        Snapshot snapshot = view.snapshot();
        String id = id(name, namespace);
        Desired desired = snapshot.functions().get(id);
        boolean loadedHere = reconciler.isLoaded(id);
        List<String> forwardedBy = invocation.headers().get(Peers.FORWARDED_HEADER);
        if (forwardedBy != null && !forwardedBy.isEmpty()) { // one hop at most
            return loadedHere || desired == null ? local.invoke(name, namespace, invocation)
                    : moving(name, namespace);
        }
        if (desired == null) {
            return local.invoke(name, namespace, invocation);
        }
        int replicas = desired.stored().replicas();
        List<String> live = reconciler.liveNodes(snapshot);
        List<String> keepers = Placement.keepers(id, replicas, live);
        if (loadedHere && (keepers.contains(node) || !Reconciler.servedByAKeeper(id, replicas, live, snapshot))) {
            return local.invoke(name, namespace, invocation);
        }
        List<String> others = keepers.stream().filter(keeper -> !keeper.equals(node)).toList();
        List<String> serving = others.stream().filter(keeper -> snapshot.heldBy(keeper).containsKey(id)).toList();
        List<String> pool = serving.isEmpty() ? others : serving;
        NodeInfo target = pool.isEmpty() ? null
                : snapshot.nodes().get(pool.get((int) Math.floorMod(calls.getAndIncrement(), pool.size())));
        if (target == null) {
            return loadedHere ? local.invoke(name, namespace, invocation) : moving(name, namespace);
        }
        // A peer that cannot be reached (it died, its lease has not expired yet): its replicas move soon.
        return peers.forward(target, name, namespace, invocation).exceptionallyCompose(unreachable -> loadedHere
                ? local.invoke(name, namespace, invocation) : moving(name, namespace));
    }

    /** A 503 with Retry-After: the function is placed on a node that does not serve it yet (or no more). */
    private CompletableFuture<FunctionResponse> moving(String name, String namespace) {
        return unavailable("Function \"" + name + "\" in namespace \"" + namespace + "\" is moving between nodes"
                + " (a node joined or left); retry in a moment");
    }

    private static CompletableFuture<FunctionResponse> unavailable(String message) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Retry-After", List.of("1"));
        headers.put("Content-Type", List.of("text/plain; charset=utf-8"));
        return CompletableFuture.completedFuture(new FunctionResponse(503, headers,
                (message + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public ProviderInfo info() {
        return local.info();
    }

    @Override
    public List<String> namespaces() {
        return local.namespaces();
    }

    @Override
    public Optional<FunctionNamespace> namespace(String name) {
        return local.namespace(name);
    }

    @Override
    public void createNamespace(FunctionNamespace namespace) {
        convergence.await(lists.changeNamespaces(registry -> registry.create(namespace), secrets -> null));
    }

    @Override
    public void updateNamespace(FunctionNamespace namespace) {
        convergence.await(lists.changeNamespaces(registry -> registry.update(namespace), secrets -> null));
    }

    @Override
    public void deleteNamespace(String name) {
        convergence.await(lists.changeNamespaces(registry -> {
            SharedLists.requireCreated(registry, name);
            registry.delete(name);
        }, secrets -> {
            List<String> functions = view.snapshot().functions().values().stream().map(Desired::stored)
                    .filter(stored -> stored.namespace().equals(name)).map(StoredDeployment::name).sorted().toList();
            List<String> secretNames = secrets.stream().filter(secret -> secret.namespace().equals(name))
                    .map(Secret::name).sorted().toList();
            return functions.isEmpty() && secretNames.isEmpty() ? null
                    : SharedLists.stillHolds(name, functions, secretNames);
        }));
    }

    @Override
    public List<SecretSummary> secrets(String namespace) {
        return local.secrets(namespace);
    }

    @Override
    public void createSecret(Secret secret) {
        local.secrets(secret.namespace()); // 400 for a namespace that does not exist
        convergence.await(lists.changeSecrets(vault -> vault.create(secret)));
    }

    @Override
    public void updateSecret(Secret secret) {
        local.secrets(secret.namespace());
        convergence.await(lists.changeSecrets(vault -> vault.update(secret)));
    }

    @Override
    public void deleteSecret(String name, String namespace) {
        local.secrets(namespace);
        convergence.await(lists.changeSecrets(vault -> vault.delete(name, namespace)));
    }

    @Override
    public LogStream logs(LogRequest request) {
        return logs.stream(request);
    }

    @Override
    public StateReport state() {
        return local.state();
    }

    @Override
    public boolean isReady() {
        return local.isReady() && !membership.isFenced();
    }

    /**
     * As {@link #update}, but only while the function's entry is still at {@code expected}: false,
     * with nothing committed, when another write came first (a functions folder's compare-and-set,
     * see {@link ClusterFolders}).
     */
    boolean updateIf(FunctionDeployment deployment, long expected) {
        FunctionDeployment spec = withDefaultNamespace(deployment);
        String id = id(spec.service(), spec.namespace());
        Artifact artifact = adopt(spec);
        long revision;
        synchronized (reconciler) {
            Versioned<StoredDeployment> current = current(spec.service(), spec.namespace());
            if (current.modRevision() != expected) {
                return false;
            }
            applyLocally(spec, artifact.localImage());
            String sha = artifact.sha256(localStore, spec);
            int replicas = Replicas.clamp(spec, Math.max(Replicas.min(spec), current.value().replicas()));
            StoredDeployment next = new StoredDeployment(spec, replicas, current.value().createdAt(), sha);
            try {
                revision = commit(id, () -> new Versioned<>(next, store().saveIf(next, expected)
                        .orElseThrow(Overtaken::new)));
            } catch (Overtaken e) {
                return false;
            }
        }
        convergence.await(revision);
        return true;
    }

    /** As {@link #delete}, but only while the function's entry is still at {@code expected}. */
    boolean deleteIf(String name, String namespace, long expected) {
        long revision;
        synchronized (reconciler) {
            if (current(name, namespace).modRevision() != expected) {
                return false;
            }
            try {
                revision = commit(id(name, namespace), () -> new Versioned<StoredDeployment>(null,
                        store().removeIf(name, namespace, expected).orElseThrow(Overtaken::new)));
            } catch (Overtaken e) {
                return false;
            }
        }
        convergence.await(revision);
        return true;
    }

    /** A compare-and-set that another write came first to. */
    private static final class Overtaken extends RuntimeException {
        Overtaken() {
            super("another write came first", null, false, false);
        }
    }

    /** The local registry's status with the cluster's image (as deployed) and replica totals. */
    private FunctionStatus clusterStatus(FunctionStatus status, Snapshot snapshot) {
        String id = id(status.name(), status.namespace());
        Desired desired = snapshot.functions().get(id);
        if (desired == null) {
            return status;
        }
        int replicas = desired.stored().replicas();
        return new FunctionStatus(status.name(), desired.stored().spec().image(), status.namespace(),
                status.envProcess(), status.envVars(), status.constraints(), status.secrets(), status.labels(),
                status.annotations(), status.limits(), status.requests(), status.readOnlyRootFilesystem(),
                status.invocationCount(), replicas, available(id, replicas, status.availableReplicas(), snapshot),
                status.createdAt(), status.usage());
    }

    /** The status of a function not loaded on this node, from its stored deployment and the cluster's totals. */
    private FunctionStatus storedStatus(Desired desired, Snapshot snapshot) {
        StoredDeployment stored = desired.stored();
        FunctionDeployment spec = stored.spec();
        Map<String, String> labels = new TreeMap<>(spec.labels());
        labels.put(FUNCTION_LABEL, spec.service());
        FunctionDeployment shown = new FunctionDeployment(spec.service(), spec.image(), stored.namespace(),
                spec.envProcess(), spec.envVars(), spec.constraints(), spec.secrets(), labels, spec.annotations(),
                spec.limits(), spec.requests(), spec.readOnlyRootFilesystem());
        String id = id(stored.name(), stored.namespace());
        return FunctionStatus.of(shown, stored.replicas(), available(id, stored.replicas(), 0, snapshot), 0,
                stored.createdAt());
    }

    /**
     * The replicas available across the cluster: this node's own, plus what every other live node
     * last published ({@link HeldReplicas}); a node whose lease went counts for nothing. At most the
     * desired count, unless this node alone has more (a scale from zero here, not stored).
     */
    private long available(String id, int replicas, long here, Snapshot snapshot) {
        long total = here;
        for (String other : snapshot.nodes().keySet()) {
            if (!other.equals(node)) {
                total += snapshot.heldBy(other).getOrDefault(id, 0);
            }
        }
        return Math.min(Math.max(replicas, here), total);
    }

    /** Deploys or updates the function in the local registry: the check that a 400 comes from. */
    private void applyLocally(FunctionDeployment spec, String localImage) {
        FunctionDeployment localSpec = LocalImages.withImage(spec, localImage);
        if (local.status(spec.service(), spec.namespace()).isPresent()) {
            local.update(localSpec);
        } else {
            local.deploy(localSpec);
        }
    }

    /**
     * Commits a change already applied here; if it cannot be committed, the local registry is set
     * back to the stored state by the reconciler, and the failure is answered.
     */
    private long commit(String id, Supplier<Versioned<StoredDeployment>> write) {
        try {
            Versioned<StoredDeployment> written = write.get();
            if (written.value() == null) {
                reconciler.markDirty(id); // deleted: the next pass releases it here, without waiting for the watch
            } else {
                reconciler.markApplied(id, new Desired(written.value(), written.modRevision()));
            }
            return written.modRevision();
        } catch (RuntimeException e) {
            reconciler.markDirty(id);
            throw e;
        }
    }

    private Versioned<StoredDeployment> current(String name, String namespace) {
        return store().read(name, namespace).orElseThrow(() -> notFound(name, namespace));
    }

    private EtcdDeploymentStore store() {
        return view.deployments();
    }

    /** A local-path image is copied here by its hash first, so the JAR may go right after the 202. */
    private Artifact adopt(FunctionDeployment spec) {
        DeploymentRules.check(spec);
        local.status(spec.service(), spec.namespace()); // 400 for a namespace that does not exist
        if (!ClusterArtifacts.isLocal(spec.image())) {
            return new Artifact(spec.image(), "");
        }
        String sha = artifacts.adopt(spec.service(), spec.image());
        return new Artifact(artifacts.find(sha).orElseThrow().toUri().toString(), sha);
    }

    /** The bytes a deploy runs from: this node's copy of a local file, or the image as given. */
    private record Artifact(String localImage, String hash) {
        /** The hash to store: the local copy's, else the one the local registry recorded for a download. */
        String sha256(LocalDeployments localStore, FunctionDeployment spec) {
            if (!hash.isEmpty()) {
                return hash;
            }
            return localStore.get(spec.service(), spec.namespace()).map(StoredDeployment::artifactSha256).orElse("");
        }
    }

    private static FunctionDeployment withDefaultNamespace(FunctionDeployment spec) {
        return spec.namespace().isEmpty() ? new FunctionDeployment(spec.service(), spec.image(), DEFAULT_NAMESPACE,
                spec.envProcess(), spec.envVars(), spec.constraints(), spec.secrets(), spec.labels(),
                spec.annotations(), spec.limits(), spec.requests(), spec.readOnlyRootFilesystem()) : spec;
    }

    /** The label a function's status carries its name in, as on one node. */
    private static final String FUNCTION_LABEL = "faas_function";

    static String id(String name, String namespace) {
        return namespace + "/" + name;
    }

    private static FunctionExistsException exists(FunctionDeployment spec) {
        return new FunctionExistsException("Function \"" + spec.service() + "\" already exists in namespace \""
                + spec.namespace() + "\"; update it with PUT /system/functions");
    }

    private static FunctionNotFoundException notFound(String name, String namespace) {
        return new FunctionNotFoundException("Function \"" + name + "\" not found in namespace \"" + namespace + "\"");
    }
}
