package dev.faasjvm.runtime.bench;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start to first 200, in alternating rounds of fresh processes: (a) a bare blocking Jetty 12
 * server as built (the runnable JAR's Jetty, default JVM flags, {@link BareJetty#main}), (b)
 * faas-jvm as the README runs it, {@code java @target/faas-jvm.jvmopts -jar target/faas-jvm.jar}
 * (the start-up archive the build recorded, see {@code StartupTraining}), and (c) faas-jvm without
 * the options file. Each is timed from spawn until {@code GET} answers 200 ({@code /healthz} for
 * faas-jvm, with no functions), polled every millisecond, and its CPU time (user + system, from
 * {@code /proc}) is read at that moment. Prints medians and the medians of per-round ratios.
 * {@code bench.starts} sets the rounds (default 7).
 */
final class StartupBenchmark {
    private static final Path RUNTIME_JAR = Path.of("target", "faas-jvm.jar");
    private static final Path OPTIONS = Path.of("target", "faas-jvm.jvmopts");
    private static final String[] KINDS = {"bare Jetty", "faas-jvm (README command)", "faas-jvm, no options file"};

    private StartupBenchmark() {
    }

    static String run() throws Exception {
        int rounds = Integer.getInteger("bench.starts", 7);
        if (!Files.isRegularFile(OPTIONS)) {
            throw new IllegalStateException(OPTIONS + " is missing: the build writes it at package (startup.skip=false)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        double[][] millis = new double[KINDS.length][rounds];
        double[][] cpu = new double[KINDS.length][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int kind = 0; kind < KINDS.length; kind++) {
                double[] measured = startOnce(command(java, kind));
                millis[kind][round] = measured[0];
                cpu[kind][round] = measured[1];
            }
            System.out.println("startup: round " + (round + 1) + " of " + rounds);
        }
        StringBuilder report = new StringBuilder("## Start to first 200, fresh processes, " + rounds
                + " alternating rounds\n" + Machine.describe() + "\noptions file: " + Files.readAllLines(OPTIONS)
                + "\n\n| process | start to first 200, median (min-max) | CPU to first 200, median |\n|---|---|---|\n");
        for (int kind = 0; kind < KINDS.length; kind++) {
            report.append(String.format("| %s | %s | %.0f ms |%n", KINDS[kind], summary(millis[kind]),
                    median(cpu[kind])));
        }
        report.append("\n| ratio (median of per-round ratios) | wall | CPU |\n|---|---|---|\n");
        ratio(report, "faas-jvm (README command) / bare Jetty (goal <= 0.6)", millis, cpu, 1, 0);
        ratio(report, "faas-jvm, no options file / bare Jetty", millis, cpu, 2, 0);
        ratio(report, "faas-jvm (README command) / faas-jvm, no options file", millis, cpu, 1, 2);
        return report.toString();
    }

    /** A process to start, the port it will serve on, and the path that answers 200 once it does. */
    private record Launch(List<String> command, int port, String path) {
    }

    private static Launch command(String java, int kind) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(java));
        if (kind == 0) {
            command.addAll(List.of("-cp", RUNTIME_JAR + File.pathSeparator + Path.of("target", "test-classes"),
                    BareJetty.class.getName(), Integer.toString(port)));
        } else {
            if (kind == 1) {
                command.add("@" + OPTIONS);
            }
            command.addAll(List.of("-jar", RUNTIME_JAR.toString(), "--host", "127.0.0.1", "--port",
                    Integer.toString(port), "--state-dir", "", "--basic-auth", "false"));
        }
        return new Launch(command, port, kind == 0 ? "/" : "/healthz");
    }

    /** {wall ms, CPU ms} from spawn to the first 200. */
    private static double[] startOnce(Launch launch) throws Exception {
        long spawned = System.nanoTime();
        Process process = new ProcessBuilder(launch.command()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            while (!answers200(launch.port(), launch.path())) {
                if (!process.isAlive() || System.nanoTime() - spawned > TimeUnit.SECONDS.toNanos(60)) {
                    throw new IllegalStateException("No 200 from " + launch.command());
                }
                Thread.sleep(1);
            }
            double wall = (System.nanoTime() - spawned) / 1e6;
            return new double[] {wall, cpuMillis(process.pid())};
        } finally {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static boolean answers200(int port, String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                    .openConnection();
            connection.setConnectTimeout(100);
            connection.setReadTimeout(5000);
            int status = connection.getResponseCode();
            connection.getInputStream().readAllBytes();
            connection.disconnect();
            return status == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** User + system CPU of a process, from /proc (clock ticks of 10 ms); NaN where there is no /proc. */
    private static double cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void ratio(StringBuilder report, String what, double[][] millis, double[][] cpu, int b, int a) {
        double[] wall = new double[millis[0].length];
        double[] used = new double[millis[0].length];
        for (int round = 0; round < wall.length; round++) {
            wall[round] = millis[b][round] / millis[a][round];
            used[round] = cpu[b][round] / cpu[a][round];
        }
        report.append(String.format("| %s | %.2f | %.2f |%n", what, median(wall), median(used)));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String summary(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format("%.0f ms (%.0f-%.0f)", median(values), sorted[0], sorted[sorted.length - 1]);
    }
}
