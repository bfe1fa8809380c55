package dev.faasjvm.runtime.bench;

import dev.faasjvm.runtime.testing.Samples;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * 10,000 functions in one runtime process started as the README starts it, with {@code -Xmx4g}:
 * deploys them over HTTP (the echo sample under distinct names, 4 requests in flight), calls each
 * once, then stops the process with SIGTERM and starts it again on the same state folder. A
 * sampler reads the process's live threads and RSS from {@code /proc} every 50 ms; the report
 * shows the peak of each phase, the phases' durations, and the time from the restart's spawn to
 * its start-up line (serving) and to the first 200 of the function restored last.
 * {@code bench.functions} sets the count (default 10,000).
 */
final class ManyFunctionsBenchmark {
    private static final Path RUNTIME_JAR = Path.of("target", "faas-jvm.jar");
    private static final Path OPTIONS = Path.of("target", "faas-jvm.jvmopts");
    private static final int IN_FLIGHT = 4;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final StringBuilder report = new StringBuilder();

    private ManyFunctionsBenchmark() {
    }

    static String run() throws Exception {
        ManyFunctionsBenchmark benchmark = new ManyFunctionsBenchmark();
        benchmark.measure(Integer.getInteger("bench.functions", 10_000));
        return benchmark.report.toString();
    }

    private void measure(int functions) throws Exception {
        Path state = Files.createTempDirectory("faas-jvm-many");
        String echo = Samples.jar("echo").toAbsolutePath().toUri().toString();
        report.append("## ").append(String.format("%,d", functions)).append(" functions in one process (-Xmx4g)\n")
                .append(Machine.describe()).append("\n\n| phase | time | peak live threads | peak RSS |\n|---|---|---|---|\n");
        try {
            int port = freePort();
            Process first = start(state, port);
            Sampler sampler = new Sampler(first.pid());
            String base = "http://127.0.0.1:" + port;
            awaitLine(first);
            phase("start, empty", sampler, 0);
            long started = System.nanoTime();
            each(functions, i -> post(base + "/system/functions", "{\"service\":\"fn-" + i + "\",\"image\":\""
                    + echo + "\"}", 202));
            phase("deploy all", sampler, System.nanoTime() - started);
            started = System.nanoTime();
            each(functions, i -> post(base + "/function/fn-" + i, "ping", 200));
            phase("call each once", sampler, System.nanoTime() - started);
            Thread.sleep(3_000);
            phase("3 s later, idle", sampler, 0);
            sampler.close();
            started = System.nanoTime();
            first.destroy(); // SIGTERM: graceful
            first.waitFor(120, TimeUnit.SECONDS);
            report.append(String.format("| stop (SIGTERM) | %,d ms | | |%n", (System.nanoTime() - started) / 1_000_000));

            started = System.nanoTime();
            Process second = start(state, port);
            Sampler restart = new Sampler(second.pid());
            String line = awaitLine(second);
            phase("restart to start-up line (serving)", restart, System.nanoTime() - started);
            post(base + "/function/fn-" + (functions - 1), "ping", 200).join();
            phase("restart to first 200 of the last function", restart, System.nanoTime() - started);
            post(base + "/function/fn-0", "ping", 200).join();
            report.append("\nstart-up line after the restart: ").append(line).append('\n');
            restart.close();
            second.destroy();
            second.waitFor(120, TimeUnit.SECONDS);
        } finally {
            deleteRecursively(state);
        }
    }

    private void phase(String name, Sampler sampler, long nanos) {
        report.append(String.format("| %s | %s | %,d | %,d MiB |%n", name, nanos == 0 ? "" : String.format("%,d ms",
                nanos / 1_000_000), sampler.peakThreads, sampler.peakRssKib / 1024));
        sampler.peakThreads = 0;
        sampler.peakRssKib = 0;
    }

    private Process start(Path state, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (Files.isRegularFile(OPTIONS)) {
            command.add("@" + OPTIONS);
        }
        command.addAll(List.of("-Xmx4g", "-jar", RUNTIME_JAR.toString(), "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--state-dir", state.toString(), "--basic-auth", "false"));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String awaitLine(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null) {
            throw new IllegalStateException("The runtime exited before serving");
        }
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the pipe from filling
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "many-drain");
        drain.setDaemon(true);
        drain.start();
        return line;
    }

    private static void each(int count, IntFunction<CompletableFuture<?>> request) throws InterruptedException {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            slots.acquire();
            all.add(request.apply(i).whenComplete((ignored, failure) -> slots.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    private CompletableFuture<?> post(String url, String body, int expected) {
        return client.sendAsync(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString()).thenAccept(response -> {
                    if (response.statusCode() != expected) {
                        throw new IllegalStateException(url + " answered " + response.statusCode() + ": "
                                + response.body());
                    }
                });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Reads a process's thread count and RSS from /proc every 50 ms and keeps the peaks. */
    private static final class Sampler implements AutoCloseable {
        private final Path status;
        private final Thread thread;
        private volatile int peakThreads;
        private volatile long peakRssKib;
        private volatile boolean closed;

        Sampler(long pid) {
            this.status = Path.of("/proc", Long.toString(pid), "status");
            this.thread = new Thread(this::sample, "many-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private void sample() {
            while (!closed) {
                try {
                    for (String line : Files.readAllLines(status)) {
                        if (line.startsWith("Threads:")) {
                            peakThreads = Math.max(peakThreads, Integer.parseInt(line.substring(8).strip()));
                        } else if (line.startsWith("VmRSS:")) {
                            peakRssKib = Math.max(peakRssKib, Long.parseLong(line.substring(6).replace("kB", "").strip()));
                        }
                    }
                    Thread.sleep(50);
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
