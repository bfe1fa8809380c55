package dev.faasjvm.runtime.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Deploys 1,000 functions (distinct names, the same small JAR), calls each once, and reports the
 * time to deploy them all and what each idle function costs: heap and Metaspace (after full
 * collections), RSS and live threads, against a baseline taken after a warm-up. Threads are read
 * right after the calls and again once the replicas' idle worker threads have retired (2 s by default).
 */
final class DensityBenchmark {
    static final int FUNCTIONS = 1_000;
    static final long TARGET_BYTES_PER_FUNCTION = 1024 * 1024;

    private DensityBenchmark() {
    }

    static String run() throws Exception {
        try (BenchmarkRuntime runtime = BenchmarkRuntime.start()) {
            for (int i = 0; i < 20; i++) {
                runtime.deployEcho("warm-" + i);
                runtime.call("warm-" + i);
                runtime.delete("warm-" + i);
            }
            int baseThreads = awaitThreadsAtMost(Integer.MAX_VALUE, Duration.ZERO);
            BenchmarkRuntime.collectUntil(() -> runtime.pendingLoaders() == 0, Duration.ofSeconds(30));
            BenchmarkRuntime.settle();
            long baseHeap = BenchmarkRuntime.heapBytes();
            long baseMetaspace = BenchmarkRuntime.metaspaceBytes();
            long baseRss = BenchmarkRuntime.rssBytes();
            baseThreads = BenchmarkRuntime.liveThreads();
            List<String> baseNames = BenchmarkRuntime.threadNames();

            long started = System.nanoTime();
            for (int i = 0; i < FUNCTIONS; i++) {
                runtime.deployEcho(name(i));
            }
            long deployMillis = (System.nanoTime() - started) / 1_000_000;
            started = System.nanoTime();
            for (int i = 0; i < FUNCTIONS; i++) {
                runtime.call(name(i));
            }
            long callMillis = (System.nanoTime() - started) / 1_000_000;
            int threadsAfterCalls = BenchmarkRuntime.liveThreads();
            long idleWaitStart = System.nanoTime();
            int idleThreads = awaitThreadsAtMost(baseThreads + 5, Duration.ofSeconds(45));
            long idleWaitMillis = (System.nanoTime() - idleWaitStart) / 1_000_000;
            List<String> extra = new ArrayList<>(BenchmarkRuntime.threadNames());
            baseNames.forEach(extra::remove);

            BenchmarkRuntime.settle();
            long heap = BenchmarkRuntime.heapBytes() - baseHeap;
            long metaspace = BenchmarkRuntime.metaspaceBytes() - baseMetaspace;
            long rss = BenchmarkRuntime.rssBytes() - baseRss;
            double perFunction = (heap + metaspace) / (double) FUNCTIONS;
            boolean pass = perFunction < TARGET_BYTES_PER_FUNCTION && extra.stream().noneMatch(name -> name.startsWith("fn-"));
            return "## Density: " + FUNCTIONS + " functions from one echo.jar, each called once\n"
                    + BenchmarkRuntime.machine() + "\n\n"
                    + "| measure | total | per function |\n| --- | --- | --- |\n"
                    + String.format("| deploy all (HTTP, sequential) | %d ms | %.2f ms |%n", deployMillis,
                            deployMillis / (double) FUNCTIONS)
                    + String.format("| call each once | %d ms | %.2f ms |%n", callMillis, callMillis / (double) FUNCTIONS)
                    + String.format("| heap after GC | %s | %s |%n", BenchmarkRuntime.mib(heap),
                            BenchmarkRuntime.kib(heap / (double) FUNCTIONS))
                    + String.format("| Metaspace | %s | %s |%n", BenchmarkRuntime.mib(metaspace),
                            BenchmarkRuntime.kib(metaspace / (double) FUNCTIONS))
                    + String.format("| heap + Metaspace | %s | %s |%n", BenchmarkRuntime.mib(heap + metaspace),
                            BenchmarkRuntime.kib(perFunction))
                    + String.format("| RSS | %s | %s |%n", rss < 0 ? "n/a" : BenchmarkRuntime.mib(rss),
                            rss < 0 ? "n/a" : BenchmarkRuntime.kib(rss / (double) FUNCTIONS))
                    + String.format("| live threads right after the calls | %+d | %.2f |%n", threadsAfterCalls - baseThreads,
                            (threadsAfterCalls - baseThreads) / (double) FUNCTIONS)
                    + String.format("| live threads once idle (after %d ms) | %+d | %.2f |%n", idleWaitMillis,
                            idleThreads - baseThreads, (idleThreads - baseThreads) / (double) FUNCTIONS)
                    + "\nthreads alive once idle that were not in the baseline: " + extra + "\n"
                    + "baseline: heap " + BenchmarkRuntime.mib(baseHeap) + ", Metaspace "
                    + BenchmarkRuntime.mib(baseMetaspace) + ", RSS " + BenchmarkRuntime.mib(baseRss) + ", threads "
                    + baseThreads + "\n"
                    + "target: < 1 MiB heap + Metaspace per idle function, no threads held by idle functions\n"
                    + "result: " + (pass ? "PASS" : "FAIL") + "\n";
        }
    }

    private static String name(int i) {
        return String.format("fn-%04d", i);
    }

    /** Waits until at most {@code threads} are alive, for at most {@code atMost}; answers the count. */
    private static int awaitThreadsAtMost(int threads, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (BenchmarkRuntime.liveThreads() > threads && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        return BenchmarkRuntime.liveThreads();
    }
}
