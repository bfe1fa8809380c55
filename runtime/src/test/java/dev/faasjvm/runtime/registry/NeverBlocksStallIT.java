package dev.faasjvm.runtime.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A never-blocking function is not demoted because the whole runtime stood still while its call
 * ran: a forked runtime is stopped with SIGSTOP for 300 ms of every 340 while calls of 60 ms, which
 * keep a CPU busy on the thread that read the request, run one after another, until three span a
 * stop and so take well past the 100 ms limit without blocking anything themselves. Before, that
 * demoted the function for good (as a long collector pause or a busy machine did).
 */
@Timeout(90)
final class NeverBlocksStallIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;

    private ForkedRuntime runtime;

    @AfterEach
    void stop() throws Exception {
        if (runtime != null && runtime.isAlive()) {
            runtime.signal("CONT");
            runtime.kill();
        }
    }

    @Test
    void aCallThatSpansAStallOfTheRuntime_doesNotDemoteItsFunction() throws Exception {
        runtime = ForkedRuntime.startServing(work.resolve("state"), work.resolve("stderr.txt"));
        HttpResponse<String> deployed = send(HttpRequest.newBuilder(runtime.uri("/system/functions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"spin\",\"image\":\""
                        + Samples.jar("sleep").toUri() + "\",\"annotations\":{\"" + DirectMode.ANNOTATION
                        + "\":\"true\"}}")));
        assertEquals(202, deployed.statusCode(), deployed.body());
        Awaits.atMost(WAIT).until(() -> get("/function/spin?ms=0").statusCode() == 200); // the replica's first call
        assertEquals(200, get("/function/spin?ms=0").statusCode());

        ScheduledExecutorService signals = Executors.newSingleThreadScheduledExecutor();
        List<Double> durations = new CopyOnWriteArrayList<>();
        try {
            // Stopped 300 ms of every 340, while calls of 60 ms each run one after another: a call that starts
            // when the runtime resumes (having waited in the socket meanwhile) cannot end before the next stop.
            signals.scheduleAtFixedRate(() -> runtime.signal("STOP"), 0, 340, TimeUnit.MILLISECONDS);
            signals.scheduleAtFixedRate(() -> runtime.signal("CONT"), 300, 340, TimeUnit.MILLISECONDS);
            Awaits.atMost(WAIT).until(() -> {
                HttpResponse<String> answer = get("/function/spin?ms=60&ignoreInterrupt=true");
                assertEquals(200, answer.statusCode(), answer.body());
                durations.add(Double.parseDouble(answer.headers().firstValue("X-Duration-Seconds").orElseThrow()));
                // Three, so that at least one surely spanned a stop inside the call, not while its request was read.
                return durations.stream().filter(seconds -> seconds >= 0.25).count() >= 3;
            });
        } finally {
            signals.shutdownNow();
            signals.awaitTermination(10, TimeUnit.SECONDS);
            runtime.signal("CONT");
        }

        assertTrue(durations.stream().anyMatch(seconds -> seconds >= 0.25), "a call spanned a stop: " + durations);
        assertEquals(200, get("/function/spin?ms=0").statusCode());
        assertFalse(runtime.errors().contains("declared that it never blocks"), runtime.errors());
        assertFalse(runtime.output().stream().anyMatch(line -> line.contains("declared that it never blocks")),
                String.join("\n", runtime.output()));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(runtime.uri(path)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

}
