package dev.faasjvm.samples.gcfstream;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ?wait=<key>}: sets status 201, a content type and a header, writes {@code first}, flushes
 * (which commits), tries to change status and headers (which is ignored after the commit, as Google's
 * invoker ignores it), then waits until a call with {@code ?release=<key>} comes and writes
 * {@code second}; with {@code &then=fail} it throws instead of writing the rest. {@code ?release=<key>}
 * answers {@code released}.
 */
public class StreamingHttp implements HttpFunction {
    private static final Map<String, CountDownLatch> RELEASES = new ConcurrentHashMap<>();

    @Override
    public void service(HttpRequest request, HttpResponse response) throws IOException, InterruptedException {
        String release = request.getFirstQueryParameter("release").orElse(null);
        if (release != null) {
            latch(release).countDown();
            response.getWriter().write("released");
            return;
        }
        String key = request.getFirstQueryParameter("wait").orElseThrow();
        response.setStatusCode(201);
        response.setContentType("text/plain; charset=utf-8");
        response.appendHeader("X-Before-Flush", "sent");
        BufferedWriter writer = response.getWriter();
        writer.write("first\n");
        writer.flush();
        response.setStatusCode(500);
        response.appendHeader("X-After-Flush", "ignored");
        latch(key).await();
        if (request.getFirstQueryParameter("then").orElse("").equals("fail")) {
            throw new IllegalStateException("failed after the first part was sent");
        }
        writer.write("second\n");
    }

    private static CountDownLatch latch(String key) {
        return RELEASES.computeIfAbsent(key, ignored -> new CountDownLatch(1));
    }
}
