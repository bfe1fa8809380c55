package dev.faasjvm.runtime.bench;

import java.time.Duration;

/**
 * 1,000 cycles of deploy, call and delete of the same JAR under one name. Reads loaded classes and
 * Metaspace before (after a warm-up, so the runtime's own lazily loaded classes are in the
 * baseline), every 100 cycles (no collection forced: the curve as it is), and at the end after the
 * retired loaders have been freed. Passes when both return to the baseline within the stated margin
 * and no loader leaked.
 */
final class ChurnBenchmark {
    static final int CYCLES = 1_000;
    static final int WARM_UP = 300;
    static final long CLASS_MARGIN = 50;
    /**
     * Metaspace also holds the JIT's profiles of the runtime's own methods (MethodData), which keep
     * growing as the runtime warms up whatever the functions do; 1 MiB over 1,000 cycles is 1 KiB a
     * cycle, a fifth of what one retired echo loader holds, so a leak of loaders cannot hide in it.
     */
    static final long METASPACE_MARGIN = 1024 * 1024;

    private ChurnBenchmark() {
    }

    static String run() throws Exception {
        try (BenchmarkRuntime runtime = BenchmarkRuntime.start()) {
            cycles(runtime, WARM_UP);
            BenchmarkRuntime.collectUntil(() -> runtime.pendingLoaders() == 0, Duration.ofSeconds(30));
            BenchmarkRuntime.settle();
            long baseClasses = BenchmarkRuntime.loadedClasses();
            long baseMetaspace = BenchmarkRuntime.metaspaceBytes();
            int unloadedBefore = runtime.unloadedLoaders();

            StringBuilder curve = new StringBuilder(String.format("| %6s | %14s | %14s |%n| --- | --- | --- |%n",
                    "cycles", "loaded classes", "Metaspace used"));
            curve.append(row(0, baseClasses, baseMetaspace));
            long started = System.nanoTime();
            for (int done = 0; done < CYCLES; done += 100) {
                cycles(runtime, 100);
                curve.append(row(done + 100, BenchmarkRuntime.loadedClasses(), BenchmarkRuntime.metaspaceBytes()));
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            boolean drained = BenchmarkRuntime.collectUntil(() -> runtime.pendingLoaders() == 0, Duration.ofSeconds(30));
            BenchmarkRuntime.settle();
            long endClasses = BenchmarkRuntime.loadedClasses();
            long endMetaspace = BenchmarkRuntime.metaspaceBytes();
            curve.append(String.format("| %6s | %14d | %14s |%n", "end+GC", endClasses, BenchmarkRuntime.mib(endMetaspace)));

            long classDelta = endClasses - baseClasses;
            long metaspaceDelta = endMetaspace - baseMetaspace;
            boolean pass = drained && runtime.leakedLoaders() == 0 && classDelta <= CLASS_MARGIN
                    && metaspaceDelta <= METASPACE_MARGIN;
            return "## Churn: " + CYCLES + " x (deploy echo.jar -> call -> delete), one name\n"
                    + BenchmarkRuntime.machine() + "\n\n" + curve
                    + "\n" + CYCLES + " cycles in " + millis + " ms (" + String.format("%.2f", millis / (double) CYCLES)
                    + " ms per cycle over HTTP)\n"
                    + "loaded classes: start " + baseClasses + ", end " + endClasses + " (" + signed(classDelta)
                    + ", margin " + CLASS_MARGIN + ")\n"
                    + "Metaspace used: start " + BenchmarkRuntime.mib(baseMetaspace) + ", end "
                    + BenchmarkRuntime.mib(endMetaspace) + " (" + signed(metaspaceDelta / 1024) + " KiB, margin "
                    + METASPACE_MARGIN / 1024 + " KiB)\n"
                    + "loaders unloaded: " + (runtime.unloadedLoaders() - unloadedBefore) + " of " + CYCLES
                    + ", leaked: " + runtime.leakedLoaders() + ", still pending: " + runtime.pendingLoaders() + "\n"
                    + "result: " + (pass ? "PASS" : "FAIL") + "\n";
        }
    }

    private static void cycles(BenchmarkRuntime runtime, int count) {
        for (int i = 0; i < count; i++) {
            runtime.deployEcho("churn");
            runtime.call("churn");
            runtime.delete("churn");
        }
    }

    private static String row(int cycles, long classes, long metaspace) {
        return String.format("| %6d | %14d | %14s |%n", cycles, classes, BenchmarkRuntime.mib(metaspace));
    }

    private static String signed(long value) {
        return (value >= 0 ? "+" : "") + value;
    }
}
