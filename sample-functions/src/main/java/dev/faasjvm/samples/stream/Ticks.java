package dev.faasjvm.samples.stream;

import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.ResponseStream;
import dev.faasjvm.api.StreamingFunctionHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ?wait=<key>}: sends {@code tick 1} at once (header {@code X-Thread} names the thread that
 * runs the call), then {@code tick 2} once a call with {@code ?release=<key>} has come; with
 * {@code &then=hang} it never goes on, whatever comes. {@code ?release=<key>} answers {@code released}.
 */
public final class Ticks implements StreamingFunctionHandler {
    private static final Map<String, CountDownLatch> RELEASES = new ConcurrentHashMap<>();

    @Override
    public void handle(FunctionRequest request, ResponseStream response) throws IOException, InterruptedException {
        response.setHeader("Content-Type", "text/plain");
        response.setHeader("X-Thread", Thread.currentThread().getName());
        OutputStream body = response.body();
        String release = request.queryParameter("release").orElse(null);
        if (release != null) {
            latch(release).countDown();
            body.write("released".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String key = request.queryParameter("wait").orElse("");
        body.write("tick 1\n".getBytes(StandardCharsets.UTF_8));
        body.flush();
        if (request.queryParameter("then").orElse("").equals("hang")) {
            new CountDownLatch(1).await();
        }
        latch(key).await();
        body.write("tick 2\n".getBytes(StandardCharsets.UTF_8));
    }

    private static CountDownLatch latch(String key) {
        return RELEASES.computeIfAbsent(key, ignored -> new CountDownLatch(1));
    }
}
