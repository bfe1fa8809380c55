package dev.faasjvm.runtime;

import dev.faasjvm.runtime.state.FileDeploymentStore;
import dev.faasjvm.runtime.state.StoredDeployment;
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
 * replica). Each run is a fresh JVM, timed from spawn to the startup line (printed once the port
 * serves and every function is restored); the startup line's own restore time is reported beside
 * it. Medians over {@code --runs} runs (default 5). Run from the repository root after a build:
 *
 * <pre>{@code
 * ./mvnw -B -q -DskipTests package && java -cp runtime/target/faas-jvm.jar:runtime/target/test-classes \
 *     dev.faasjvm.runtime.RestoreStartupBenchmark [--runs 5] [--counts 0,100,1000]
 * }</pre>
 */
public final class RestoreStartupBenchmark {
    private static final Pattern RESTORED = Pattern.compile("restored (\\d+) functions? in (\\d+) ms");

    private RestoreStartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        List<Integer> counts = List.of(0, 100, 1000);
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--runs")) {
                runs = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--counts")) {
                counts = Stream.of(args[i + 1].split(",")).map(Integer::valueOf).toList();
            }
        }
        Path jar = Path.of("runtime/target/faas-jvm.jar").toAbsolutePath();
        Path echo = Path.of("sample-functions/target/functions/echo.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar) || !Files.isRegularFile(echo)) {
            throw new IllegalStateException("Build first, from the repository root: ./mvnw -B -q -DskipTests package");
        }
        System.out.printf("java %s, %d cores, load average %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.printf("%-10s %-26s %-26s%n", "functions", "start to serving, ms", "restore alone, ms");
        for (int count : counts) {
            Path stateDir = Files.createTempDirectory("faas-jvm-restore-bench");
            try {
                fill(stateDir, count, echo);
                List<long[]> timings = new ArrayList<>();
                for (int run = 0; run < runs; run++) {
                    timings.add(startOnce(jar, stateDir, count));
                }
                System.out.printf("%-10d %-26s %-26s%n", count, summary(timings, 0), summary(timings, 1));
            } finally {
                deleteRecursively(stateDir);
            }
        }
    }

    private static void fill(Path stateDir, int count, Path echo) throws IOException {
        FileDeploymentStore store = FileDeploymentStore.in(stateDir);
        for (int i = 0; i < count; i++) {
            store.save(new StoredDeployment(new FunctionDeployment("fn-" + i, echo.toString(), "openfaas-fn", "",
                    Map.of(), List.of(), List.of(), Map.of(), Map.of(), null, null, false), 1, Instant.now()));
        }
    }

    /** One fresh runtime: {spawn to startup line, restore time it reports}, in milliseconds. */
    private static long[] startOnce(Path jar, Path stateDir, int expected) throws Exception {
        long spawned = System.nanoTime();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--host", "127.0.0.1", "--port", "0", "--state-dir", stateDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            long ready = (System.nanoTime() - spawned) / 1_000_000;
            Matcher restored = line == null ? null : RESTORED.matcher(line);
            if (restored == null || !restored.find() || Integer.parseInt(restored.group(1)) != expected) {
                throw new IllegalStateException("Expected " + expected + " functions restored, got: " + line);
            }
            return new long[] {ready, Long.parseLong(restored.group(2))};
        } finally {
            process.toHandle().destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String summary(List<long[]> timings, int column) {
        List<Long> values = timings.stream().map(timing -> timing[column]).sorted().toList();
        return String.format("%d (min %d, max %d)", values.get(values.size() / 2), values.get(0),
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
