package dev.faasjvm.runtime.cluster;

import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.etcd.EtcdClient;
import dev.faasjvm.runtime.etcd.StoreKeys;
import dev.faasjvm.runtime.threads.DaemonThreads;
import dev.faasjvm.runtime.wire.FunctionStatus;
import dev.faasjvm.runtime.wire.Json;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes what this node holds, so that any node can answer cluster totals from its own view of
 * etcd without asking the others: under {@code {prefix}held/{node}}, attached to the membership
 * lease (so a dead or fenced node's replicas stop counting when its lease goes), one JSON object of
 * the functions this node has loaded with their available replicas. It is checked every
 * {@value #PERIOD_MILLIS} ms and written only when it changed (or the lease did), so a burst of
 * changes is one write. Thread-safe.
 */
final class HeldReplicas implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HeldReplicas.class.getName());
    static final long PERIOD_MILLIS = 200;

    private final EtcdClient client;
    private final StoreKeys keys;
    private final String node;
    private final Membership membership;
    private final Reconciler reconciler;
    private final ProviderBackend local;
    private final ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("faas-jvm-held-replicas"));
    private Map<String, Integer> published = Map.of();
    private long publishedLease;

    HeldReplicas(EtcdClient client, StoreKeys keys, String node, Membership membership, Reconciler reconciler,
            ProviderBackend local) {
        this.client = client;
        this.keys = keys;
        this.node = node;
        this.membership = membership;
        this.reconciler = reconciler;
        this.local = local;
    }

    void start() {
        publisher.scheduleWithFixedDelay(this::publish, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** This node's loaded functions with their available replicas, by {@code namespace/name}. */
    Map<String, Integer> current() {
        Map<String, Integer> held = new TreeMap<>();
        for (String id : reconciler.loaded()) {
            int slash = id.indexOf('/');
            try {
                Optional<FunctionStatus> status = local.status(id.substring(slash + 1), id.substring(0, slash));
                status.ifPresent(found -> held.put(id, (int) found.availableReplicas()));
            } catch (RuntimeException e) {
                // its namespace went a moment ago: not held
            }
        }
        return held;
    }

    private void publish() {
        long lease = membership.lease();
        if (lease == 0) {
            return; // not joined yet, or fenced: the key went with the lease
        }
        Map<String, Integer> now = current();
        if (lease == publishedLease && now.equals(published)) {
            return;
        }
        try {
            client.put(keys.held(node), Json.write(now), lease);
            published = now;
            publishedLease = lease;
        } catch (RuntimeException e) { // etcd unreachable or the lease just went: the next period tries again
            LOG.log(Level.DEBUG, () -> "Node " + node + ": cannot publish its replicas: " + e.getMessage());
        }
    }

    /** Reads a node's published replicas. */
    static Map<String, Integer> parse(byte[] json) {
        Map<String, Integer> held = new TreeMap<>();
        Json.read(json, Map.class).forEach((id, available) -> held.put((String) id, ((Number) available).intValue()));
        return Map.copyOf(held);
    }

    @Override
    public void close() {
        publisher.shutdownNow();
    }
}
