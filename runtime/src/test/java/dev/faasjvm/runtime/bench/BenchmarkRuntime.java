package dev.faasjvm.runtime.bench;

import dev.faasjvm.runtime.Provider;
import dev.faasjvm.runtime.ProviderConfig;
import dev.faasjvm.runtime.testing.Samples;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.GarbageCollectorMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A real runtime on a loopback port for one benchmark, with the HTTP calls the benchmarks make and
 * the JVM's readings (loaded classes, Metaspace, heap, RSS, threads). Not thread-safe.
 */
final class BenchmarkRuntime implements AutoCloseable {
    private final Path stateDir;
    private final Provider provider;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String echo = Samples.jar("echo").toUri().toString();

    private BenchmarkRuntime(Path stateDir, Provider provider) {
        this.stateDir = stateDir;
        this.provider = provider;
    }

    static BenchmarkRuntime start() throws Exception {
        Path stateDir = Files.createTempDirectory("faas-jvm-bench");
        // Basic auth is off: the benchmarks measure functions, and a loopback runtime they own.
        Provider provider = Provider.create(ProviderConfig.parse(List.of("--host", "127.0.0.1", "--port", "0",
                "--state-dir", stateDir.toString(), "--basic-auth", "false"), Map.of())).start();
        return new BenchmarkRuntime(stateDir, provider);
    }

    Provider provider() {
        return provider;
    }

    /** Deploys the echo sample as {@code name}; fails unless the runtime accepts it. */
    void deployEcho(String name) {
        expect(202, send(HttpRequest.newBuilder(uri("/system/functions")).POST(HttpRequest.BodyPublishers.ofString(
                "{\"service\":\"" + name + "\",\"image\":\"" + echo + "\"}"))), "deploy " + name);
    }

    /** Deploys {@code image} as {@code name} with {@code envProcess} (empty to scan); fails unless the runtime accepts it. */
    void deploy(String name, String image, String envProcess) {
        expect(202, send(HttpRequest.newBuilder(uri("/system/functions")).POST(HttpRequest.BodyPublishers.ofString(
                "{\"service\":\"" + name + "\",\"image\":\"" + image + "\",\"envProcess\":\"" + envProcess + "\"}"))),
                "deploy " + name);
    }

    /** Calls {@code name} with a small body; fails unless it answers {@code status}. */
    void call(String name, int status) {
        expect(status, send(HttpRequest.newBuilder(uri("/function/" + name))
                .POST(HttpRequest.BodyPublishers.ofString("ping"))), "call " + name);
    }

    /** Calls {@code name} with a small body; fails unless it echoes it. */
    void call(String name) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/function/" + name))
                .POST(HttpRequest.BodyPublishers.ofString("ping")));
        expect(200, response, "call " + name);
        if (!response.body().equals("ping")) {
            throw new IllegalStateException("call " + name + " answered " + response.body());
        }
    }

    void delete(String name) {
        expect(202, send(HttpRequest.newBuilder(uri("/system/functions")).method("DELETE",
                HttpRequest.BodyPublishers.ofString("{\"functionName\":\"" + name + "\"}"))), "delete " + name);
    }

    /** Retired loaders not yet freed or judged, over every function. */
    int pendingLoaders() {
        return provider.loaderCounts().values().stream().mapToInt(counts -> counts.pending()).sum();
    }

    int leakedLoaders() {
        return provider.loaderCounts().values().stream().mapToInt(counts -> counts.leaked()).sum();
    }

    int unloadedLoaders() {
        return provider.loaderCounts().values().stream().mapToInt(counts -> counts.unloaded()).sum();
    }

    /** Collects garbage until {@code done} holds, for at most {@code atMost}; answers whether it held. */
    static boolean collectUntil(BooleanSupplier done, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            System.gc();
            if (done.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return done.getAsBoolean();
    }

    /** Full collections until the used heap stops shrinking, as a steady reading needs. */
    static void settle() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
    }

    static long loadedClasses() {
        return ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
    }

    static long metaspaceBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getName().equals("Metaspace"))
                .mapToLong(pool -> pool.getUsage().getUsed())
                .sum();
    }

    static long heapBytes() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** The names of the live threads, sorted. */
    static List<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList();
    }

    /** The resident set size from /proc (Linux), or -1 where there is none. */
    static long rssBytes() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
                    .findFirst().orElse(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " CPUs, JDK " + Runtime.version() + " ("
                + System.getProperty("java.vm.name") + "), GC "
                + ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                        .reduce((a, b) -> a + "/" + b).orElse("?")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB";
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    static String kib(double bytes) {
        return String.format("%.1f KiB", bytes / 1024.0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + provider.port() + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(int status, HttpResponse<String> response, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    @Override
    public void close() throws IOException {
        try {
            provider.close();
        } catch (Exception e) {
            throw new IOException("Cannot stop the runtime", e);
        }
        try (Stream<Path> paths = Files.walk(stateDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
