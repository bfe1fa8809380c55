package dev.faasjvm.runtime.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the benchmarks named on the command line ({@code churn}, {@code density}, {@code cold},
 * {@code overhead}, {@code restore}, {@code starvation}, or {@code all}), prints each one's report and writes it to
 * {@code target/benchmarks/<name>.txt}.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        List<String> names = args.length == 0 || args[0].equals("all")
                ? List.of("churn", "density", "cold", "overhead", "restore", "starvation")
                : List.of(args[0].split(","));
        for (String name : names) {
            String report;
            switch (name) {
                case "churn":
                    report = ChurnBenchmark.run();
                    break;
                case "density":
                    report = DensityBenchmark.run();
                    break;
                case "cold":
                    report = ColdDeployBenchmark.run();
                    break;
                case "overhead":
                    report = OverheadBenchmark.run();
                    break;
                case "restore":
                    report = RestoreBenchmark.run();
                    break;
                case "starvation":
                    report = StarvationBenchmark.run();
                    break;
                default:
                    throw new IllegalArgumentException(
                            "Unknown benchmark \"" + name + "\"; use churn, density, cold, overhead, restore, starvation or all");
            }
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
