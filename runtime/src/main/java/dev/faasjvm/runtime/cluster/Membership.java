package dev.faasjvm.runtime.cluster;

import dev.faasjvm.runtime.etcd.EtcdClient;
import dev.faasjvm.runtime.etcd.StoreKeys;
import dev.faasjvm.runtime.wire.Json;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This node's membership: its {@link NodeInfo} under {@code {prefix}nodes/{name}}, attached to a
 * lease it renews every third of the lease's time to live. If the node dies, the lease expires and
 * the key goes, and the other nodes place its replicas on themselves. If the lease was lost while
 * etcd was unreachable, the node registers again as soon as etcd answers. Thread-safe.
 */
final class Membership implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Membership.class.getName());

    private final EtcdClient client;
    private final StoreKeys keys;
    private final String name;
    private final Duration ttl;
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "faas-jvm-membership");
        thread.setDaemon(true);
        return thread;
    });
    private NodeInfo info;
    private long lease;

    Membership(EtcdClient client, StoreKeys keys, String name, Duration ttl) {
        this.client = client;
        this.keys = keys;
        this.name = name;
        this.ttl = ttl;
    }

    /** Registers the node with its URL and keeps it registered until {@link #close()}. */
    synchronized void join(String url) {
        info = new NodeInfo(name, url, Clock.systemUTC().instant());
        register();
        long period = Math.max(200, ttl.toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    private synchronized void register() {
        lease = client.grantLease(Math.max(2, ttl.toSeconds()));
        client.put(keys.node(name), Json.write(info), lease);
    }

    private synchronized void renew() {
        try {
            if (lease == 0 || client.keepAlive(lease) == 0) {
                LOG.log(Level.INFO, () -> "Node " + name + ": its membership lease had expired; registering again");
                register();
            }
        } catch (RuntimeException e) { // etcd unreachable: try again next period, the lease may still live
            LOG.log(Level.DEBUG, () -> "Node " + name + ": cannot renew its membership lease: " + e.getMessage());
        }
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
