package dev.faasjvm.runtime.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Runs the benchmarks named on the command line (a comma-separated list of the names in
 * {@link #BENCHMARKS}, or {@code all} for those that run on one machine alone), prints each one's
 * report and writes it to {@code target/benchmarks/<name>.txt}.
 */
public final class Benchmarks {
    /** Every benchmark by the name {@code -Dbenchmark=} takes, in the order {@code all} runs them. */
    private static final Map<String, Callable<String>> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("churn", ChurnBenchmark::run);
        BENCHMARKS.put("density", DensityBenchmark::run);
        BENCHMARKS.put("cold", ColdDeployBenchmark::run);
        BENCHMARKS.put("overhead", OverheadBenchmark::run);
        BENCHMARKS.put("restore", RestoreBenchmark::run);
        BENCHMARKS.put("define", DefineTimeBenchmark::run);
        BENCHMARKS.put("async", AsyncBenchmark::run);
        BENCHMARKS.put("startup", StartupBenchmark::run);
        BENCHMARKS.put("many", ManyFunctionsBenchmark::run);
        BENCHMARKS.put("starvation", StarvationBenchmark::run);
        BENCHMARKS.put("cluster", ClusterBenchmark::run);
    }

    /** Not in {@code all}: it needs etcd. */
    private static final List<String> NOT_IN_ALL = List.of("cluster");

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        List<String> names = args.length == 0 || args[0].equals("all")
                ? BENCHMARKS.keySet().stream().filter(name -> !NOT_IN_ALL.contains(name)).toList()
                : List.of(args[0].split(","));
        for (String name : names) {
            Callable<String> benchmark = BENCHMARKS.get(name);
            if (benchmark == null) {
                throw new IllegalArgumentException("Unknown benchmark \"" + name + "\"; use one of "
                        + String.join(", ", BENCHMARKS.keySet()) + ", or all");
            }
            String report = benchmark.call();
            System.out.println(report);
            save(name, report);
        }
        System.exit(0);
    }

    private static void save(String name, String report) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(dir.resolve(name + ".txt"), report);
    }
}
