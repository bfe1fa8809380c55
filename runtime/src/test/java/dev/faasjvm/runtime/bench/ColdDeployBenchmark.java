package dev.faasjvm.runtime.bench;

import dev.faasjvm.runtime.testing.Samples;
import java.util.Arrays;
import java.util.List;

/**
 * The time from sending a deploy request for a small local JAR to the first successful answer of
 * the new function, over HTTP on loopback: 100 times, each a new name (so a new class loader), each
 * deleted afterwards (not timed), after 20 untimed rounds warm the runtime. Reports the median and
 * p99 against the target of 20 ms median. The same is measured for each kind of function from another
 * platform (issue 14), round by round in turn with {@code echo}, so that they share the machine's
 * noise, and set against {@code echo}.
 */
final class ColdDeployBenchmark {
    static final int ROUNDS = 100;
    static final int WARM_UP = 20;
    static final double TARGET_MEDIAN_MS = 20;

    /** One kind of function: its sample artifact, the envProcess naming its handler, and its answer's status. */
    private record Kind(String label, String artifact, String envProcess, int status) {
        String image() {
            return Samples.dir().resolve(artifact).toUri().toString();
        }
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("echo.jar (FunctionHandler, scanned)", "echo.jar", "", 200),
            new Kind("OpenFaaS template function-1.0.zip (scanned)", "function-1.0.zip", "", 200),
            new Kind("Lambda fat JAR, RequestHandler<APIGatewayV2HTTPEvent, ...>", "lambda.jar",
                    "dev.faasjvm.samples.lambda.HttpHandler", 201),
            new Kind("Lambda zip layout, RequestStreamHandler", "lambda.zip",
                    "dev.faasjvm.samples.lambda.StreamHandler", 200),
            new Kind("Lambda fat JAR, Class::method POJO", "lambda.jar",
                    "dev.faasjvm.samples.lambda.Greeter::greet", 200),
            new Kind("GCF HttpFunction gcf.jar (scanned)", "gcf.jar", "", 200));

    private ColdDeployBenchmark() {
    }

    static String run() throws Exception {
        try (BenchmarkRuntime runtime = BenchmarkRuntime.start()) {
            for (int i = 0; i < WARM_UP; i++) {
                for (int k = 0; k < KINDS.size(); k++) {
                    deployAndCall(runtime, KINDS.get(k), "warm-" + k + "-" + i);
                    runtime.delete("warm-" + k + "-" + i);
                }
            }
            double[][] millis = new double[KINDS.size()][ROUNDS];
            long cpuBefore = processCpuNanos();
            for (int i = 0; i < ROUNDS; i++) {
                for (int k = 0; k < KINDS.size(); k++) {
                    String name = "cold-" + k + "-" + i;
                    millis[k][i] = deployAndCall(runtime, KINDS.get(k), name);
                    runtime.delete(name);
                }
            }
            double echoMedian = median(millis[0]);
            StringBuilder report = new StringBuilder("## Cold deploy: deploy request -> first successful call, ")
                    .append(ROUNDS).append(" rounds of each kind in turn\n")
                    .append(BenchmarkRuntime.machine()).append("\n\n")
                    .append("| function | min | median | p99 | max | median / echo |\n")
                    .append("| --- | --- | --- | --- | --- | --- |\n");
            for (int k = 0; k < KINDS.size(); k++) {
                double[] sorted = millis[k].clone();
                Arrays.sort(sorted);
                report.append(String.format("| %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f |%n",
                        KINDS.get(k).label(), sorted[0], median(sorted), sorted[(int) Math.ceil(0.99 * ROUNDS) - 1],
                        sorted[ROUNDS - 1], median(sorted) / echoMedian));
            }
            report.append(String.format("%nCPU of this JVM (runtime and client) per round of all kinds, deletes"
                    + " included: %.2f ms%n", (processCpuNanos() - cpuBefore) / 1e6 / ROUNDS));
            return report.append("\ntarget (echo): median < ").append(TARGET_MEDIAN_MS).append(" ms\nresult: ")
                    .append(echoMedian < TARGET_MEDIAN_MS ? "PASS" : "FAIL").append('\n').toString();
        }
    }

    /** CPU time of this whole JVM (the runtime and the benchmark's client), less inflated by other processes than wall time. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static double deployAndCall(BenchmarkRuntime runtime, Kind kind, String name) {
        long started = System.nanoTime();
        if (kind.artifact().equals("echo.jar")) {
            runtime.deployEcho(name);
            runtime.call(name);
        } else {
            runtime.deploy(name, kind.image(), kind.envProcess());
            runtime.call(name, kind.status());
        }
        return (System.nanoTime() - started) / 1_000_000.0;
    }
}
