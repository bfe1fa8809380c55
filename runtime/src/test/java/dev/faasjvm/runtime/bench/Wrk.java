package dev.faasjvm.runtime.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk (Debian's {@code wrk} package) against a server and reads throughput and latency
 * percentiles from its report. One instance is one kind of request: a method, a body, and the
 * paths it goes to (one, or a random one of several per request, as a box hosting many functions
 * sees its load).
 */
final class Wrk {
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([\\d.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors:.*");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

    /** One measurement: requests per second, median and 99th percentile latency in milliseconds. */
    record Result(double requestsPerSecond, double p50Millis, double p99Millis, long non2xx, String errors,
            long requests) {
    }

    private final Path script;

    private Wrk(Path script) {
        this.script = script;
    }

    /** Checks that wrk is installed and writes the script that makes every request a POST of {@code body}. */
    static Wrk create(String body) throws IOException, InterruptedException {
        return create("POST", body, List.of());
    }

    /**
     * Checks that wrk is installed and writes the script for {@code method} with {@code body} (empty
     * for none) to the URL's own path, or, if {@code paths} is not empty, to one of them at random.
     */
    static Wrk create(String method, String body, List<String> paths) throws IOException, InterruptedException {
        Process check;
        try {
            check = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("wrk is not installed: install it with `apt-get install -y wrk`"
                    + " (Debian/Ubuntu) and run the benchmark again", e);
        }
        check.getInputStream().readAllBytes();
        check.waitFor();
        Path script = Files.createTempFile("faas-jvm-bench", ".lua");
        script.toFile().deleteOnExit();
        StringBuilder lua = new StringBuilder("wrk.method = \"" + method + "\"\n");
        if (!body.isEmpty()) {
            lua.append("wrk.body = \"").append(body.replace("\n", "\\n")).append("\"\n")
                    .append("wrk.headers[\"Content-Type\"] = \"text/plain\"\n");
        }
        if (!paths.isEmpty()) {
            lua.append("local paths = {\"").append(String.join("\", \"", paths)).append("\"}\n")
                    .append("math.randomseed(42)\n")
                    .append("request = function() return wrk.format(nil, paths[math.random(#paths)]) end\n");
        }
        Files.writeString(script, lua.toString(), StandardCharsets.UTF_8);
        return new Wrk(script);
    }

    Result run(String url, int connections, int seconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + Math.min(2, connections), "-c" + connections,
                "-d" + seconds + "s", "--latency", "-s", script.toString(), url));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + report);
        }
        return parse(report);
    }

    static Result parse(String report) {
        Matcher rate = RATE.matcher(report);
        if (!rate.find()) {
            throw new IllegalStateException("No Requests/sec in wrk's report:\n" + report);
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher percentile = PERCENTILE.matcher(report);
        while (percentile.find()) {
            double millis = millis(Double.parseDouble(percentile.group(2)), percentile.group(3));
            if (percentile.group(1).equals("50")) {
                p50 = millis;
            } else {
                p99 = millis;
            }
        }
        Matcher non2xx = NON_2XX.matcher(report);
        Matcher errors = SOCKET_ERRORS.matcher(report);
        Matcher requests = REQUESTS.matcher(report);
        return new Result(Double.parseDouble(rate.group(1)), p50, p99,
                non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0, errors.find() ? errors.group() : "",
                requests.find() ? Long.parseLong(requests.group(1)) : 0);
    }

    private static double millis(double value, String unit) {
        switch (unit) {
            case "us": return value / 1000;
            case "ms": return value;
            default: return value * 1000;
        }
    }
}
