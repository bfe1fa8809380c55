package dev.faasjvm.runtime.registry;

import dev.faasjvm.runtime.state.StoredDeployment;
import dev.faasjvm.runtime.threads.DaemonThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * What became of one stored deployment at start: restored (empty problem) or why not. Restoring
 * runs several functions at once because each load reads and scans a JAR, and a runtime with a
 * thousand functions should not restore them one by one.
 *
 * @param deployment the stored deployment
 * @param problem why it could not be restored, empty when it was
 */
record Restore(StoredDeployment deployment, String problem) {

    /** Restores every deployment with {@code action}, {@code parallelism} at a time, in their order. */
    static List<Restore> all(List<StoredDeployment> deployments, Consumer<StoredDeployment> action,
            int parallelism) {
        if (deployments.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, deployments.size())),
                DaemonThreads.numbered("faas-jvm-restore"));
        try {
            List<CompletableFuture<Restore>> outcomes = new ArrayList<>();
            for (StoredDeployment deployment : deployments) {
                outcomes.add(CompletableFuture.supplyAsync(() -> one(deployment, action), pool));
            }
            return outcomes.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }
    }

    private static Restore one(StoredDeployment deployment, Consumer<StoredDeployment> action) {
        try {
            action.accept(deployment);
            return new Restore(deployment, "");
        } catch (RuntimeException e) { // a ProviderException from the load, or anything the handler threw
            return new Restore(deployment, "cannot be restored: " + e.getMessage());
        }
    }
}
