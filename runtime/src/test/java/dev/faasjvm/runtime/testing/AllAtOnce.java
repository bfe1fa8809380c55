package dev.faasjvm.runtime.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Runs one body on several threads released at the same moment, for tests of concurrent code. */
public final class AllAtOnce {
    private AllAtOnce() {
    }

    /** Runs {@code body} on {@code threads} threads at once; returns when all are done, throwing the first failure. */
    public static void run(int threads, Runnable body) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            CompletableFuture<Void> run = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    body.run();
                    run.complete(null);
                } catch (Throwable e) {
                    run.completeExceptionally(e);
                }
            }, "all-at-once-" + t);
            thread.start();
            runs.add(run);
        }
        start.countDown();
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }
}
