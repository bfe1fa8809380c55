package dev.faasjvm.runtime.bench;

import dev.faasjvm.runtime.state.FileDeploymentStore;
import dev.faasjvm.runtime.state.StoredDeployment;
import dev.faasjvm.runtime.testing.Samples;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How long {@code java -jar faas-jvm.jar} takes to serve when its state directory holds 0, 100 and
 * 1,000 functions (each the echo sample under its own name, its handler found by scanning, one
 * replica). Each run is a fresh JVM (default flags), timed from spawn to its first line, which the
 * runtime prints once its port serves (it restores the stored functions in the background), and
 * to its ready line, printed once every function is restored; the restore time that line reports
 * is shown beside them. Medians over {@value #RUNS} runs per count.
 */
final class RestoreBenchmark {
    static final int RUNS = 5;
    static final List<Integer> COUNTS = List.of(0, 100, 1000);
    private static final Path RUNTIME_JAR = Path.of("target", "faas-jvm.jar");
    private static final Pattern RESTORED = Pattern.compile("restored (\\d+) functions? in (\\d+) ms");

    private RestoreBenchmark() {
    }

    static String run() throws Exception {
        StringBuilder report = new StringBuilder("## Start with stored functions: spawn -> serving, fresh JVM, "
                + RUNS + " runs each\n" + BenchmarkRuntime.machine() + ", load average " + loadAverage() + "\n\n"
                + "| functions | start to serving, median (min-max) | start to all restored, median (min-max) |"
                + " restore alone, median (min-max) |\n| --- | --- | --- | --- |\n");
        for (int count : COUNTS) {
            Path stateDir = Files.createTempDirectory("faas-jvm-restore-bench");
            try {
                fill(stateDir, count);
                List<long[]> timings = new ArrayList<>();
                for (int run = 0; run < RUNS; run++) {
                    timings.add(startOnce(stateDir, count));
                }
                report.append(String.format("| %,d | %s | %s | %s |%n", count, summary(timings, 0),
                        summary(timings, 1), summary(timings, 2)));
            } finally {
                deleteRecursively(stateDir);
            }
        }
        return report.toString();
    }

    private static void fill(Path stateDir, int count) throws IOException {
        FileDeploymentStore store = FileDeploymentStore.in(stateDir);
        String echo = Samples.jar("echo").toAbsolutePath().toString();
        for (int i = 0; i < count; i++) {
            store.save(new StoredDeployment(new FunctionDeployment("fn-" + i, echo, "openfaas-fn", "", Map.of(),
                    List.of(), List.of(), Map.of(), Map.of(), null, null, false), 1, Instant.now(), ""));
        }
    }

    /** One fresh runtime: {spawn to serving, spawn to all restored, restore time it reports}, in milliseconds. */
    private static long[] startOnce(Path stateDir, int expected) throws Exception {
        long spawned = System.nanoTime();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", RUNTIME_JAR.toString(), "--host", "127.0.0.1", "--port", "0", "--state-dir",
                stateDir.toString(), "--basic-auth", "false").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String listening = out.readLine();
            long serving = (System.nanoTime() - spawned) / 1_000_000;
            if (listening == null || !listening.contains(" listening on ")) {
                throw new IllegalStateException("Expected the listening line first, got: " + listening);
            }
            String line = out.readLine();
            while (line != null && !line.contains(" ready in ")) {
                line = out.readLine();
            }
            long ready = (System.nanoTime() - spawned) / 1_000_000;
            Matcher restored = line == null ? null : RESTORED.matcher(line);
            if (restored == null || !restored.find() || Integer.parseInt(restored.group(1)) != expected) {
                throw new IllegalStateException("Expected " + expected + " functions restored, got: " + line);
            }
            return new long[] {serving, ready, Long.parseLong(restored.group(2))};
        } finally {
            process.toHandle().destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String summary(List<long[]> timings, int column) {
        List<Long> values = timings.stream().map(timing -> timing[column]).sorted().toList();
        return String.format("%,d ms (%,d-%,d)", values.get(values.size() / 2), values.get(0),
                values.get(values.size() - 1));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
