package dev.faasjvm.runtime.cluster;

import dev.faasjvm.runtime.etcd.EtcdClient;
import dev.faasjvm.runtime.etcd.EtcdRequestException;
import dev.faasjvm.runtime.etcd.StoreKeys;
import dev.faasjvm.runtime.threads.DaemonThreads;
import dev.faasjvm.runtime.wire.Json;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This node's membership: its {@link NodeInfo} under {@code {prefix}nodes/{name}}, attached to a
 * lease it renews every third of the lease's time to live. If the node dies, the lease expires and
 * the key goes, and the other nodes place its replicas on themselves.
 *
 * <p>A live member is one whose lease is held: a node that finds its lease gone (it expired while the
 * node was paused, or a peer revoked it because the node did not apply a change in time, see
 * {@link Convergence}) is <em>fenced</em>: {@link #mayServe()} is false, so it serves no function
 * call from its own replicas, until it has applied the store's current revision and registered
 * again under a new lease. While its last renewal is older than the lease's time to live, a call
 * first asks etcd whether the lease still lives (bounded: when etcd does not answer quickly, as
 * without quorum, the node serves from its last known generations, as documented). Thread-safe.
 */
final class Membership implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Membership.class.getName());
    /** How long a call waits for etcd to say whether a stale lease still lives before it is served anyway. */
    private static final Duration CHECK_WAIT = Duration.ofMillis(300);

    private final EtcdClient client;
    private final StoreKeys keys;
    private final String name;
    private final Duration ttl;
    private final Reconciler reconciler;
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("faas-jvm-membership"));
    private final AtomicReference<CompletableFuture<Boolean>> check = new AtomicReference<>();
    private NodeInfo info;
    private volatile long lease;
    private volatile boolean joined;
    private volatile boolean fenced;
    /** {@link System#nanoTime()} until which the lease lives for sure: a renewal's send time plus its TTL. */
    private volatile long validUntil;

    Membership(EtcdClient client, StoreKeys keys, String name, Duration ttl, Reconciler reconciler) {
        this.client = client;
        this.keys = keys;
        this.name = name;
        this.ttl = ttl;
        this.reconciler = reconciler;
    }

    /** Registers the node with its URL and keeps it registered until {@link #close()}. */
    synchronized void join(String url) {
        info = new NodeInfo(name, url, Clock.systemUTC().instant());
        register();
        joined = true;
        long period = Math.max(200, ttl.toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    /** The lease this node's keys live under now; 0 before it joined and while it is fenced. */
    long lease() {
        return fenced ? 0 : lease;
    }

    /** Whether this node lost its lease and has not registered again yet. */
    boolean isFenced() {
        return fenced;
    }

    /**
     * Whether this node may serve a function call from its own replicas: it has not joined yet (it
     * converged before it serves), or its lease lives. Waits at most {@link #CHECK_WAIT} for etcd
     * when the last renewal is older than the lease's TTL.
     */
    boolean mayServe() {
        if (!joined) {
            return true;
        }
        if (fenced) {
            return false;
        }
        if (System.nanoTime() - validUntil < 0) {
            return true;
        }
        CompletableFuture<Boolean> pending = check.get();
        if (pending == null) {
            CompletableFuture<Boolean> started = new CompletableFuture<>();
            if (check.compareAndSet(null, started)) {
                CompletableFuture.runAsync(() -> {
                    try {
                        started.complete(confirm());
                    } catch (RuntimeException e) { // etcd unreachable: unknown, so serve from what we have
                        started.complete(true);
                    } finally {
                        check.compareAndSet(started, null);
                    }
                });
                pending = started;
            } else {
                pending = check.get();
                if (pending == null) {
                    return !fenced;
                }
            }
        }
        try {
            return pending.get(CHECK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return !fenced;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !fenced;
        }
    }

    /** Renews the lease once; true if it lives, false (and fenced) if etcd says it is gone. */
    private boolean confirm() {
        long current = lease;
        long sent = System.nanoTime();
        long left;
        try {
            left = client.keepAlive(current);
        } catch (EtcdRequestException e) { // etcd answered, and refused: the lease is not there
            left = 0;
        }
        if (left > 0) {
            if (current == lease) {
                validUntil = sent + TimeUnit.SECONDS.toNanos(left);
            }
            return true;
        }
        if (!fenced && current == lease) { // a check of a lease already replaced says nothing
            fenced = true;
            LOG.log(Level.WARNING, () -> "Node " + name + " lost its membership lease; it serves no calls until it"
                    + " has applied the current state and registered again");
            renewer.execute(this::renew);
        }
        return false;
    }

    private synchronized void register() {
        long sent = System.nanoTime();
        long granted = client.grantLease(Math.max(2, ttl.toSeconds()));
        client.put(keys.node(name), Json.write(info), granted);
        lease = granted;
        validUntil = sent + TimeUnit.SECONDS.toNanos(Math.max(2, ttl.toSeconds()));
    }

    private synchronized void renew() {
        try {
            if (fenced || lease == 0) {
                rejoin();
            } else {
                confirm(); // when the lease is gone, this schedules the next renew at once: the rejoin
            }
        } catch (RuntimeException e) { // etcd unreachable: try again next period, the lease may still live
            LOG.log(Level.DEBUG, () -> "Node " + name + ": cannot renew its membership lease: " + e.getMessage());
        }
    }

    /** Registers again once the node has applied everything up to the store's revision now. */
    private void rejoin() {
        long revision = client.range(keys.nodeToken()).revision();
        try {
            if (reconciler.awaitApplied(revision, ttl) < revision) {
                return; // not converged yet: the next period tries again
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        register();
        fenced = false;
        LOG.log(Level.INFO, () -> "Node " + name + " applied revision " + revision + " and registered again");
    }

    /** Leaves the cluster: the lease is revoked, so the others take over at once rather than after its TTL. */
    @Override
    public synchronized void close() {
        renewer.shutdownNow();
        if (lease != 0) {
            try {
                client.revoke(lease);
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, () -> "Node " + name + ": cannot revoke its lease; it expires on its own");
            }
        }
    }
}
