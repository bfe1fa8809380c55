package dev.faasjvm.runtime.bench;

import java.util.Arrays;

/**
 * The time from sending a deploy request for a small local JAR to the first successful answer of
 * the new function, over HTTP on loopback: 100 times, each a new name (so a new class loader), each
 * deleted afterwards (not timed), after 20 untimed rounds warm the runtime. Reports the median and
 * p99 against the target of 20 ms median.
 */
final class ColdDeployBenchmark {
    static final int ROUNDS = 100;
    static final int WARM_UP = 20;
    static final double TARGET_MEDIAN_MS = 20;

    private ColdDeployBenchmark() {
    }

    static String run() throws Exception {
        try (BenchmarkRuntime runtime = BenchmarkRuntime.start()) {
            for (int i = 0; i < WARM_UP; i++) {
                deployAndCall(runtime, "warm-" + i);
                runtime.delete("warm-" + i);
            }
            double[] millis = new double[ROUNDS];
            long cpuBefore = processCpuNanos();
            for (int i = 0; i < ROUNDS; i++) {
                String name = "cold-" + i;
                millis[i] = deployAndCall(runtime, name);
                runtime.delete(name);
            }
            double cpuMillisPerRound = (processCpuNanos() - cpuBefore) / 1e6 / ROUNDS;
            Arrays.sort(millis);
            double median = (millis[ROUNDS / 2 - 1] + millis[ROUNDS / 2]) / 2;
            double p99 = millis[(int) Math.ceil(0.99 * ROUNDS) - 1];
            return "## Cold deploy: deploy request -> first successful call of echo.jar, " + ROUNDS + " rounds\n"
                    + BenchmarkRuntime.machine() + "\n\n"
                    + "| min | median | p99 | max |\n| --- | --- | --- | --- |\n"
                    + String.format("| %.2f ms | %.2f ms | %.2f ms | %.2f ms |%n", millis[0], median, p99,
                            millis[ROUNDS - 1])
                    + String.format("%nCPU of this JVM (runtime and client) per round, deletes included: %.2f ms%n",
                            cpuMillisPerRound)
                    + "\ntarget: median < " + TARGET_MEDIAN_MS + " ms\nresult: "
                    + (median < TARGET_MEDIAN_MS ? "PASS" : "FAIL") + "\n";
        }
    }

    /** CPU time of this whole JVM (the runtime and the benchmark's client), less inflated by other processes than wall time. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double deployAndCall(BenchmarkRuntime runtime, String name) {
        long started = System.nanoTime();
        runtime.deployEcho(name);
        runtime.call(name);
        return (System.nanoTime() - started) / 1_000_000.0;
    }
}
