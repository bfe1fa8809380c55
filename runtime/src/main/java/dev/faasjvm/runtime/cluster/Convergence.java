package dev.faasjvm.runtime.cluster;

import dev.faasjvm.runtime.etcd.EtcdClient;
import dev.faasjvm.runtime.etcd.EtcdRequestException;
import dev.faasjvm.runtime.etcd.EtcdUnavailableException;
import dev.faasjvm.runtime.threads.DaemonThreads;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Waits, after a change was committed at a revision, until every live node has applied it: this
 * node's reconciler, and each peer through its {@code applied} route (a long poll), all at once.
 * So a call to any node right after the 202 reaches the new generation. A peer that does not
 * confirm within the wait (the lease's TTL) is no longer live for the change: its membership lease
 * is revoked, so the others place its replicas on themselves, and it serves no call until it has
 * caught up and registered again ({@link Membership}). If it may still believe its lease alive
 * (etcd gave it time left), the answer waits that time out too; a peer that refused the connection
 * serves nothing and is not waited for. Thread-safe.
 */
final class Convergence {
    private static final System.Logger LOG = System.getLogger(Convergence.class.getName());

    private final Reconciler reconciler;
    private final Peers peers;
    private final Supplier<ClusterView.Snapshot> view;
    private final String node;
    private final Duration wait;
    private final ExecutorService waiters = Executors.newCachedThreadPool(DaemonThreads.named("faas-jvm-converge"));

    private final EtcdClient client;

    Convergence(Reconciler reconciler, Peers peers, Supplier<ClusterView.Snapshot> view, String node, Duration wait,
            EtcdClient client) {
        this.client = client;
        this.reconciler = reconciler;
        this.peers = peers;
        this.view = view;
        this.node = node;
        this.wait = wait;
    }

    /** Returns once every live node has applied {@code revision}, or the wait is over. */
    void await(long revision) {
        reconciler.kick();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        ClusterView.Snapshot snapshot = view.get();
        for (NodeInfo peer : snapshot.nodes().values()) {
            Long lease = snapshot.leases().get(peer.name());
            if (!peer.name().equals(node)) {
                all.add(CompletableFuture.runAsync(() -> {
                    long applied = peers.applied(peer, revision, wait);
                    if (applied < revision) {
                        fence(peer, lease == null ? 0 : lease, revision, applied == Peers.REFUSED);
                    }
                }, waiters));
            }
        }
        try {
            reconciler.awaitApplied(revision, wait);
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Revokes the lease of a peer that did not apply {@code revision} in time, then waits out its belief in it. */
    private void fence(NodeInfo peer, long lease, long revision, boolean refused) {
        try {
            long left = refused || lease == 0 ? 0 : client.timeToLive(lease);
            if (lease != 0) {
                client.revoke(lease);
            }
            LOG.log(Level.WARNING, () -> "Node " + peer.name() + " did not apply revision " + revision + " within "
                    + wait.toMillis() + " ms; its membership is revoked until it has caught up");
            if (left > 0) {
                Thread.sleep(TimeUnit.SECONDS.toMillis(left));
            }
        } catch (EtcdRequestException e) {
            // its lease had expired already: it is not live, and asks etcd before it serves again
        } catch (EtcdUnavailableException e) {
            LOG.log(Level.WARNING, () -> "Node " + peer.name() + " did not apply revision " + revision + " and"
                    + " cannot be fenced (" + e.getMessage() + "); its lease expires on its own");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void close() {
        waiters.shutdownNow();
    }
}
