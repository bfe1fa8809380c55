package dev.faasjvm.runtime;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.ForkedRuntime;
import dev.faasjvm.runtime.testing.Samples;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's own log lines, read from a real runtime's standard error over real HTTP (issue 10):
 * under {@code TZ=America/New_York}, and after a function set its default time zone, their
 * timestamps are UTC; the warning about threads that outlive a deleted function says how many and
 * names the first ten, on one line. One forked runtime for the class; the {@code leaky} sample's
 * threads never end, so they must not run in the test's own JVM.
 */
@Timeout(120)
final class RuntimeLogIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A runtime log line: its instant, then its level. */
    private static final Pattern LINE = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z) ");

    @TempDir
    static Path work;

    private static ForkedRuntime runtime;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws IOException {
        runtime = ForkedRuntime.startWith(List.of(), Map.of("TZ", "America/New_York"), work.resolve("state"),
                work.resolve("stderr.log"), "--basic-auth", "false");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (runtime != null) {
            runtime.kill();
        }
    }

    @Test
    void timestamps_underTzNewYork_andAfterAFunctionSetItsDefaultZone_areUtc() throws Exception {
        deploy("{\"service\":\"rogue\",\"image\":\"" + Samples.jar("rogue").toUri() + "\"}");
        String zone = send(HttpRequest.newBuilder(runtime.uri("/function/rogue?do=defaults"))).body();
        assertTrue(zone.contains("America/New_York"), "the runtime runs in New York time: " + zone);
        HttpResponse<String> set = send(HttpRequest.newBuilder(runtime.uri(
                "/function/rogue?do=set-defaults&key=Asia/Tokyo&value=ja-JP")));
        assertEquals(200, set.statusCode(), set.body());
        deploy(leaky("one", 1));

        delete("one");
        String warning = awaitLine("Function one.openfaas-fn generation 1: 1 thread ");

        Matcher stamp = LINE.matcher(warning);
        assertTrue(stamp.find(), "a runtime log line starting with its instant: " + warning);
        Duration off = Duration.between(Instant.parse(stamp.group(1)), Instant.now()).abs();
        assertTrue(off.compareTo(Duration.ofMinutes(2)) < 0, "UTC, not local time: " + off + " off in " + warning);
    }

    @Test
    void survivingThreadsWarning_saysHowManyAndNamesTheFirstTen_onOneLine() throws Exception {
        deploy(leaky("many", 25));

        delete("many");
        String warning = awaitLine("Function many.openfaas-fn generation 1: 25 threads ");

        assertAll(
                () -> assertEquals(10, warning.split("leaky-stubborn-", -1).length - 1, warning),
                () -> assertTrue(warning.contains(" and 15 more are still running"), warning),
                () -> assertTrue(warning.endsWith("which keeps the function's classes loaded"), warning));
    }

    private static String leaky(String name, int threads) {
        return "{\"service\":\"" + name + "\",\"image\":\"" + Samples.jar("leaky").toUri()
                + "\",\"envVars\":{\"leak\":\"thread\",\"threads\":\"" + threads + "\"}}";
    }

    private void deploy(String json) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(runtime.uri("/system/functions"))
                .POST(HttpRequest.BodyPublishers.ofString(json)));
        assertEquals(202, response.statusCode(), response.body());
    }

    private void delete(String name) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(runtime.uri("/system/functions"))
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"functionName\":\"" + name + "\"}")));
        assertEquals(202, response.statusCode(), response.body());
    }

    /** The runtime's standard error line containing {@code text}, once it is printed. */
    private static String awaitLine(String text) {
        return Awaits.atMost(WAIT).until(() -> lineWith(text), Optional::isPresent).orElseThrow();
    }

    private static Optional<String> lineWith(String text) {
        return runtime.errors().lines().filter(line -> line.contains(text)).findFirst();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
