package dev.faasjvm.runtime.cluster;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Waits, after a change was committed at a revision, until every live node has applied it: this
 * node's reconciler, and each peer through its {@code applied} route (a long poll), all at once.
 * So a call to any node right after the 202 reaches the new generation. A peer that does not
 * confirm within the wait (it is dying; its lease expires soon) does not hold the answer up for
 * longer. Thread-safe.
 */
final class Convergence {
    private static final System.Logger LOG = System.getLogger(Convergence.class.getName());

    private final Reconciler reconciler;
    private final Peers peers;
    private final Supplier<ClusterView.Snapshot> view;
    private final String node;
    private final Duration wait;
    private final ExecutorService waiters = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "faas-jvm-converge");
        thread.setDaemon(true);
        return thread;
    });

    Convergence(Reconciler reconciler, Peers peers, Supplier<ClusterView.Snapshot> view, String node, Duration wait) {
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
        for (NodeInfo peer : view.get().nodes().values()) {
            if (!peer.name().equals(node)) {
                all.add(CompletableFuture.runAsync(() -> {
                    if (peers.applied(peer, revision, wait) < revision) {
                        LOG.log(Level.WARNING, () -> "Node " + peer.name() + " did not apply revision " + revision
                                + " within " + wait.toMillis() + " ms; its calls may reach the previous generation");
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

    void close() {
        waiters.shutdownNow();
    }
}
